package dev.iotsys.store.dynamodb;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.AwsAccount;
import dev.iotsys.spi.AwsServices;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.MeasureStats;
import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.ReadingTime;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.RuleTarget;
import dev.iotsys.spi.SensorType;
import dev.iotsys.spi.StoredReading;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Readings in Amazon DynamoDB, on demand: one table per sensor type, {@code iotsys.<db>.<type>},
 * one item per reading with the device, the time, an expiry and each measure. Open to every AWS
 * account, no server running, a few cents a month for a handful of sensors, and written by the
 * topic rule's {@code dynamoDBv2} action directly.
 *
 * <p>A second action of the same rule puts each reading into a companion table, {@code
 * iotsys.<db>.<type>-newest}, keyed by the device alone, so that it holds each device's newest
 * reading: the fleet's newest readings are one Scan of it (one item per device) instead of a Query
 * per device. Boards send their readings in the order they took them, buffered ones first, so the
 * last one put is the newest. It doubles the rule's writes (a write unit each, $1.25 a million on
 * demand), and it holds copies only: every reading stays in the type's table.
 */
public final class DynamoDbStore implements ReadingStore {
  /** The store's id. */
  public static final String ID = "dynamodb";

  /** The partition key: the thing name. */
  static final String DEVICE = "device";

  /**
   * The sort key: when the board took the reading, epoch milliseconds ({@link ReadingTime}), so a
   * reading sent twice is one item.
   */
  static final String TIME = ReadingTime.TIME;

  /** The time to live attribute: epoch seconds after which DynamoDB may delete the item. */
  static final String EXPIRES = "expires";

  /**
   * DynamoDB keeps one number type and trims trailing zeros, so {@code 21.0} is the number 21 under
   * either SQL version; iotsys takes the current one.
   */
  static final String SQL_VERSION = "2016-03-23";

  private static final String PREFIX = "iotsys.";

  /** What names a type table's companion of newest readings (type ids have no {@code -}). */
  static final String NEWEST_SUFFIX = "-newest";

  private static final int MAX_TABLE_NAME = 255;
  private static final Set<String> RESERVED =
      Set.of(DEVICE, TIME, EXPIRES, ReadingTime.AGE, ReadingTime.DROPPED);

  /** Devices whose newest reading status asks for at once. */
  private static final int NEWEST_THREADS = 4;

  private final Clock clock;
  private final Integer pageSize;

  /** The store as ServiceLoader makes it: the system clock, pages as DynamoDB fills them. */
  public DynamoDbStore() {
    this(Clock.systemUTC(), null);
  }

  DynamoDbStore(Clock clock, Integer pageSize) {
    this.clock = clock;
    this.pageSize = pageSize;
  }

  /**
   * The table of a type: {@code iotsys.<database>.<type id>}, e.g. {@code iotsys.home.attictemp}.
   */
  static String tableName(String database, SensorType type) {
    return PREFIX + database + "." + type.id();
  }

  /** The table of each device's newest reading: {@code iotsys.<database>.<type id>-newest}. */
  static String newestTableName(String database, SensorType type) {
    return tableName(database, type) + NEWEST_SUFFIX;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Amazon DynamoDB on demand: any account, cents a month, readings by sensor and time";
  }

  @Override
  public void validate(String database, SensorType type) {
    String table = newestTableName(database, type);
    if (table.length() > MAX_TABLE_NAME) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Database name too long for the"
              + " DynamoDB store: its table "
              + PREFIX
              + "<db>."
              + type.id()
              + NEWEST_SUFFIX
              + " may have at most "
              + MAX_TABLE_NAME
              + " characters, so the name at most "
              + (MAX_TABLE_NAME
                  - PREFIX.length()
                  - 1
                  - type.id().length()
                  - NEWEST_SUFFIX.length()));
    }
    for (Measure m : type.measures()) {
      if (RESERVED.contains(m.name().toLowerCase(Locale.ROOT))) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "Sensor type "
                + type.id()
                + " has a measure named "
                + m.name()
                + ", which the DynamoDB store uses itself");
      }
    }
  }

  @Override
  public List<Resource<?>> databaseResources(AwsServices aws, String database) {
    // DynamoDB has no databases: the name is part of each table's.
    return List.of();
  }

  /**
   * The {@code <db>} of every table named {@code iotsys.<db>.<type id>} (type ids have no dot): one
   * ListTables call per 100 tables of the account.
   */
  @Override
  public List<String> databases(AwsServices aws) {
    TreeSet<String> databases = new TreeSet<>();
    for (String table :
        aws.client(DynamoDbClient.class).listTablesPaginator(r -> {}).tableNames()) {
      int last = table.lastIndexOf('.');
      if (table.startsWith(PREFIX) && last > PREFIX.length()) {
        databases.add(table.substring(PREFIX.length(), last));
      }
    }
    return List.copyOf(databases);
  }

  @Override
  public List<Resource<?>> typeResources(AwsServices aws, String database, SensorType type) {
    return List.of(
        new DynamoDbTableResource(
            aws.client(DynamoDbClient.class),
            tableName(database, type),
            newestTableName(database, type)));
  }

  /**
   * E.g. {@code SELECT temperature, dropped, topic(2) AS device, <the reading's time> AS ts,
   * floor(timestamp() / 1000) + 31536000 AS expires FROM 'attictemp/+'}: the measures and the
   * board's count of dropped readings (left out when the message has none), then the keys and the
   * expiry the table needs, as top-level attributes that dynamoDBv2 writes as they are. The time is
   * {@link ReadingTime#sql}; the expiry counts from arrival, so a late reading is kept as long as a
   * prompt one. A second action puts the same item into the newest-reading table, where it replaces
   * the device's previous one.
   */
  @Override
  public RuleTarget ruleTarget(String database, SensorType type, String roleArn) {
    List<String> columns = new ArrayList<>(type.measures().stream().map(Measure::name).toList());
    columns.add(ReadingTime.DROPPED);
    columns.add("topic(" + type.deviceTopicLevel() + ") AS " + DEVICE);
    columns.add(ReadingTime.sql(type.retention()) + " AS " + TIME);
    columns.add("floor(timestamp() / 1000) + " + retentionSeconds(type) + " AS " + EXPIRES);
    String sql = "SELECT " + String.join(", ", columns) + " FROM '" + type.topicFilter() + "'";
    return new RuleTarget(
        sql,
        SQL_VERSION,
        List.of(
            putItem(roleArn, tableName(database, type)),
            putItem(roleArn, newestTableName(database, type))));
  }

  private static Map<String, Object> putItem(String roleArn, String table) {
    return Map.of("dynamoDBv2", Map.of("roleArn", roleArn, "putItem", Map.of("tableName", table)));
  }

  /** How long an item lives: the type's long-term retention (its magnetic store days). */
  static long retentionSeconds(SensorType type) {
    return type.retention().magneticDays() * 86_400L;
  }

  @Override
  public List<Map<String, Object>> writeStatements(
      AwsAccount account, String database, SensorType type) {
    return List.of(
        Map.of(
            "Effect",
            "Allow",
            "Action",
            "dynamodb:PutItem",
            "Resource",
            List.of(
                account.arn("dynamodb", "table/" + tableName(database, type)),
                account.arn("dynamodb", "table/" + newestTableName(database, type)))));
  }

  @Override
  public Optional<String> databaseOf(Map<String, Object> action, SensorType type) {
    if (action.get("dynamoDBv2") instanceof Map<?, ?> d
        && d.get("putItem") instanceof Map<?, ?> put
        && put.get("tableName") instanceof String table) {
      String suffix = "." + type.id();
      if (table.startsWith(PREFIX)
          && table.endsWith(suffix)
          && table.length() > PREFIX.length() + suffix.length()) {
        return Optional.of(table.substring(PREFIX.length(), table.length() - suffix.length()));
      }
    }
    return Optional.empty();
  }

  @Override
  public List<StoredReading> readings(
      AwsServices aws,
      String database,
      SensorType type,
      String device,
      Duration window,
      int limit) {
    // The board's count of dropped readings comes with the reading it arrived with.
    List<String> attributes = new ArrayList<>(measureNames(type));
    attributes.add(ReadingTime.DROPPED);
    return reader(aws, database, type, attributes).readings(device, window, limit);
  }

  @Override
  public List<MeasureStats> stats(
      AwsServices aws, String database, SensorType type, String device, Duration window) {
    return reader(aws, database, type, measureNames(type)).stats(device, window);
  }

  /** One Query of one item per device, a few devices at once (DynamoDB has no per-API quota). */
  @Override
  public Map<String, Instant> newestReadings(
      AwsServices aws, String database, SensorType type, List<String> devices, Duration window) {
    DynamoDbReadings reader = reader(aws, database, type, measureNames(type));
    Map<String, Instant> newest = new HashMap<>();
    if (devices.isEmpty()) {
      return newest;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(NEWEST_THREADS, devices.size()),
            r -> {
              Thread t = new Thread(r, "iotsys-dynamodb");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<String, Future<Instant>> futures = new HashMap<>();
      for (String device : devices) {
        futures.put(device, pool.submit(() -> reader.newest(device, window)));
      }
      for (Map.Entry<String, Future<Instant>> e : futures.entrySet()) {
        Instant time = e.getValue().get();
        if (time != null) {
          newest.put(e.getKey(), time);
        }
      }
      return newest;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IotsysException(ErrorKind.INTERNAL, "Interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IotsysException(ErrorKind.INTERNAL, "internal error: " + e.getCause(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One Scan of the newest-reading table, in pages: each device's newest item, unless it has
   * expired. Empty when the table is not there yet (a type installed before it existed, until the
   * next install makes it), so that each device's is read from the type's table instead.
   */
  @Override
  public Optional<Map<String, List<StoredReading>>> newestOfEveryDevice(
      AwsServices aws, String database, SensorType type) {
    List<String> attributes = new ArrayList<>(measureNames(type));
    attributes.add(ReadingTime.DROPPED);
    return new DynamoDbReadings(
            aws.client(DynamoDbClient.class),
            newestTableName(database, type),
            attributes,
            clock,
            pageSize)
        .everyDevice();
  }

  private DynamoDbReadings reader(
      AwsServices aws, String database, SensorType type, List<String> attributes) {
    return new DynamoDbReadings(
        aws.client(DynamoDbClient.class), tableName(database, type), attributes, clock, pageSize);
  }

  private static List<String> measureNames(SensorType type) {
    return type.measures().stream().map(Measure::name).toList();
  }
}
