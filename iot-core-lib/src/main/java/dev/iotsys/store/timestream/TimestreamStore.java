package dev.iotsys.store.timestream;

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
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Database;

/**
 * Readings in Amazon Timestream for LiveAnalytics: one database, one table per sensor type named by
 * the type's id, one record per measure with the dimension {@code device} = the thing name. Closed
 * to AWS accounts that did not use it before 2025-06-20.
 */
public final class TimestreamStore implements ReadingStore {
  /** The store's id. */
  public static final String ID = "timestream";

  /** The dimension that names the device: the thing name, from the topic. */
  static final String DEVICE_DIMENSION = "device";

  /**
   * SQL version 2015-10-08 keeps {@code 21.0} a double; 2016-03-23 would turn it into 21, a BIGINT
   * measure, and a table that then refuses the doubles of every other reading.
   */
  static final String SQL_VERSION = "2015-10-08";

  /** Names Timestream reserves, or that the device dimension takes. */
  private static final Set<String> RESERVED =
      Set.of(
          "measure_name",
          "measure_value",
          "time",
          DEVICE_DIMENSION,
          ReadingTime.TIME,
          ReadingTime.AGE,
          ReadingTime.DROPPED);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Amazon Timestream for LiveAnalytics: SQL queries; only for accounts that used it"
        + " before 2025-06-20";
  }

  @Override
  public void validate(String database, SensorType type) {
    for (Measure m : type.measures()) {
      if (RESERVED.contains(m.name().toLowerCase(java.util.Locale.ROOT))) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "Sensor type "
                + type.id()
                + " has a measure named "
                + m.name()
                + ", which Timestream reserves");
      }
    }
  }

  @Override
  public List<Resource<?>> databaseResources(AwsServices aws, String database) {
    return List.of(
        new TimestreamDatabaseResource(aws.client(TimestreamWriteClient.class), database));
  }

  /** Every database of the account: one ListDatabases call per 20 databases. */
  @Override
  public List<String> databases(AwsServices aws) {
    return TimestreamCalls.call(
        "listing the timestream databases",
        () ->
            aws.client(TimestreamWriteClient.class).listDatabasesPaginator(r -> {}).stream()
                .flatMap(page -> page.databases().stream())
                .map(Database::databaseName)
                .sorted()
                .toList());
  }

  @Override
  public List<Resource<?>> typeResources(AwsServices aws, String database, SensorType type) {
    return List.of(
        new TimestreamTableResource(
            aws.client(TimestreamWriteClient.class), database, type.id(), type.retention()));
  }

  /**
   * The measures and the board's count of dropped readings (a record of its own, only when the
   * message has one), each a record at the reading's time ({@link ReadingTime#sql}, a substitution
   * template, which AWS IoT evaluates on the message as it arrived). A reading sent twice is the
   * same dimensions, measure and time, so Timestream keeps one record.
   */
  @Override
  public RuleTarget ruleTarget(String database, SensorType type, String roleArn) {
    String sql =
        "SELECT "
            + measures(type).stream().collect(Collectors.joining(", "))
            + ", "
            + ReadingTime.DROPPED
            + " FROM '"
            + type.topicFilter()
            + "'";
    Map<String, Object> timestream =
        Map.of(
            "roleArn",
            roleArn,
            "databaseName",
            database,
            "tableName",
            type.id(),
            "dimensions",
            List.of(
                Map.of(
                    "name",
                    DEVICE_DIMENSION,
                    "value",
                    "${topic(" + type.deviceTopicLevel() + ")}")),
            "timestamp",
            Map.of(
                "value", "${" + ReadingTime.sql(type.retention()) + "}", "unit", "MILLISECONDS"));
    return new RuleTarget(sql, SQL_VERSION, List.of(Map.of("timestream", timestream)));
  }

  @Override
  public List<Map<String, Object>> writeStatements(
      AwsAccount account, String database, SensorType type) {
    return List.of(
        Map.of(
            "Effect",
            "Allow",
            "Action",
            "timestream:WriteRecords",
            "Resource",
            account.arn("timestream", "database/" + database + "/table/" + type.id())),
        // DescribeEndpoints has no resource-level permissions: "*" is the only form AWS accepts.
        Map.of("Effect", "Allow", "Action", "timestream:DescribeEndpoints", "Resource", "*"));
  }

  @Override
  public Optional<String> databaseOf(Map<String, Object> action, SensorType type) {
    if (action.get("timestream") instanceof Map<?, ?> t
        && type.id().equals(t.get("tableName"))
        && t.get("databaseName") instanceof String database) {
      return Optional.of(database);
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
    return reader(aws).readings(database, type.id(), measures(type), device, window, limit);
  }

  @Override
  public List<MeasureStats> stats(
      AwsServices aws, String database, SensorType type, String device, Duration window) {
    return reader(aws).stats(database, type.id(), measures(type), device, window);
  }

  @Override
  public Map<String, Instant> newestReadings(
      AwsServices aws, String database, SensorType type, List<String> devices, Duration window) {
    // One query for every device of the type: GROUP BY device.
    Map<String, Instant> all = reader(aws).lastTimes(database, type.id(), measures(type), window);
    Map<String, Instant> wanted = new HashMap<>();
    for (String device : devices) {
      if (all.containsKey(device)) {
        wanted.put(device, all.get(device));
      }
    }
    return wanted;
  }

  private static TimestreamReadings reader(AwsServices aws) {
    return new TimestreamReadings(() -> aws.client(TimestreamQueryClient.class));
  }

  private static List<String> measures(SensorType type) {
    return type.measures().stream().map(Measure::name).toList();
  }
}
