package dev.iotsys.store.dynamodb;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.MeasureStats;
import dev.iotsys.spi.StoredReading;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Reads one device's readings from its type's table: a Query on the device's partition and a sort
 * key range, newest first, following LastEvaluatedKey page by page. Items whose expiry has passed
 * are left out (DynamoDB deletes expired items up to about two days late and returns them until
 * then). Numbers are read as the exact decimals DynamoDB keeps.
 */
final class DynamoDbReadings {
  private final DynamoDbClient dynamo;
  private final String table;
  private final List<String> measures;
  private final Clock clock;
  private final Integer pageSize;

  /**
   * A reader of one table.
   *
   * @param pageSize items per Query page; null: as many as DynamoDB puts into 1 MB (statistics read
   *     whole windows, so the fewest round trips win), and for readings just enough for the limit
   */
  DynamoDbReadings(
      DynamoDbClient dynamo, String table, List<String> measures, Clock clock, Integer pageSize) {
    this.dynamo = dynamo;
    this.table = table;
    this.measures = List.copyOf(measures);
    this.clock = clock;
    this.pageSize = pageSize;
  }

  /** Newest first, one entry per measure of each item (measures by name, as Timestream orders). */
  List<StoredReading> readings(String device, Duration window, int limit) {
    List<StoredReading> readings = new ArrayList<>();
    List<String> byName = new ArrayList<>(new TreeSet<>(measures));
    // Each item holds at least one reading: more items than the limit are never needed, and
    // DynamoDB ends a page at 1 MB anyway, so a long window takes the fewest round trips.
    Integer page = pageSize != null ? pageSize : limit;
    query(
        device,
        window,
        page,
        item -> {
          Instant time = time(item);
          for (String measure : byName) {
            BigDecimal value = number(item.get(measure), measure);
            if (value != null && readings.size() < limit) {
              readings.add(new StoredReading(time, measure, value));
            }
          }
          return readings.size() < limit;
        });
    return readings;
  }

  /**
   * Min, max, average, count and newest time per measure, computed while paging over only the
   * attributes they need.
   */
  List<MeasureStats> stats(String device, Duration window) {
    Map<String, Accumulator> byMeasure = new LinkedHashMap<>();
    measures.forEach(m -> byMeasure.put(m, new Accumulator()));
    query(
        device,
        window,
        pageSize,
        item -> {
          Instant time = time(item);
          byMeasure.forEach(
              (measure, acc) -> {
                BigDecimal value = number(item.get(measure), measure);
                if (value != null) {
                  acc.add(value, time);
                }
              });
          return true;
        });
    List<MeasureStats> stats = new ArrayList<>();
    byMeasure.forEach((measure, acc) -> stats.add(acc.stats(measure)));
    return stats;
  }

  /**
   * The newest reading's time: the first item of the partition in the window, newest first, one
   * item read. It is asked for without the expiry filter: when the newest item has expired, the
   * older ones have too, and a filtered query would page through every one of them.
   */
  Instant newest(String device, Duration window) {
    Instant[] newest = new Instant[1];
    long now = clock.millis() / 1000;
    query(
        device,
        window,
        1,
        false,
        item -> {
          BigDecimal expires = number(item.get(DynamoDbStore.EXPIRES), DynamoDbStore.EXPIRES);
          if (expires == null || expires.longValue() > now) {
            newest[0] = time(item);
          }
          return false;
        });
    return newest[0];
  }

  /**
   * Every item of a table of newest readings (one per device), by device, as {@link #readings}
   * gives one device's: one entry per measure of its item, measures by name. An item past its
   * expiry is left out. Empty when the table does not exist.
   */
  Optional<Map<String, List<StoredReading>>> everyDevice() {
    long now = clock.millis() / 1000;
    Map<String, String> names = new HashMap<>();
    String projection = projection(names, "#d");
    List<String> byName = new ArrayList<>(new TreeSet<>(measures));
    Map<String, List<StoredReading>> newest = new HashMap<>();
    Map<String, AttributeValue> start = null;
    do {
      ScanRequest.Builder request =
          ScanRequest.builder()
              .tableName(table)
              .projectionExpression(projection)
              .expressionAttributeNames(names)
              .limit(pageSize);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      ScanResponse page;
      try {
        page = dynamo.scan(request.build());
      } catch (ResourceNotFoundException e) {
        return Optional.empty();
      }
      for (Map<String, AttributeValue> item : page.items()) {
        AttributeValue device = item.get(DynamoDbStore.DEVICE);
        BigDecimal expires = number(item.get(DynamoDbStore.EXPIRES), DynamoDbStore.EXPIRES);
        if (device == null
            || device.s() == null
            || (expires != null && expires.longValue() <= now)) {
          continue;
        }
        Instant time = time(item);
        List<StoredReading> entries = new ArrayList<>();
        for (String measure : byName) {
          BigDecimal value = number(item.get(measure), measure);
          if (value != null) {
            entries.add(new StoredReading(time, measure, value));
          }
        }
        newest.put(device.s(), entries);
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return Optional.of(newest);
  }

  /**
   * The projection of {@code also} (placeholders put first), the time, the expiry and each measure,
   * every attribute named through {@code names} ({@code #d} the device, {@code #t} the time, {@code
   * #e} the expiry, {@code #m0}... the measures): a measure's name may be a reserved word.
   */
  private String projection(Map<String, String> names, String... also) {
    names.put("#d", DynamoDbStore.DEVICE);
    names.put("#t", DynamoDbStore.TIME);
    names.put("#e", DynamoDbStore.EXPIRES);
    List<String> projection = new ArrayList<>(List.of(also));
    projection.add("#t");
    projection.add("#e");
    for (int i = 0; i < measures.size(); i++) {
      names.put("#m" + i, measures.get(i));
      projection.add("#m" + i);
    }
    return String.join(", ", projection);
  }

  /** Receives items newest first; returns false to read no further. */
  private void query(
      String device, Duration window, Integer limit, Predicate<Map<String, AttributeValue>> sink) {
    query(device, window, limit, true, sink);
  }

  private void query(
      String device,
      Duration window,
      Integer limit,
      boolean unexpiredOnly,
      Predicate<Map<String, AttributeValue>> sink) {
    long now = clock.millis();
    long from = now - window.toMillis();
    Map<String, String> names = new HashMap<>();
    String projection = projection(names);
    Map<String, AttributeValue> values =
        new HashMap<>(
            Map.of(
                ":d", AttributeValue.fromS(device),
                ":from", AttributeValue.fromN(Long.toString(from))));
    if (unexpiredOnly) {
      values.put(":now", AttributeValue.fromN(Long.toString(now / 1000)));
    }
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder request =
          QueryRequest.builder()
              .tableName(table)
              .keyConditionExpression("#d = :d AND #t > :from")
              .projectionExpression(projection)
              .expressionAttributeNames(names)
              .expressionAttributeValues(values)
              .scanIndexForward(false)
              .limit(limit);
      if (unexpiredOnly) {
        request.filterExpression("attribute_not_exists(#e) OR #e > :now");
      }
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      QueryResponse page;
      try {
        page = dynamo.query(request.build());
      } catch (ResourceNotFoundException e) {
        throw new IotsysException(
            ErrorKind.PRECONDITION,
            "DynamoDB table "
                + table
                + " does not exist: run 'iotsys install --store dynamodb' first",
            e);
      }
      for (Map<String, AttributeValue> item : page.items()) {
        if (!sink.test(item)) {
          return;
        }
      }
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
  }

  private Instant time(Map<String, AttributeValue> item) {
    BigDecimal ms = number(item.get(DynamoDbStore.TIME), DynamoDbStore.TIME);
    if (ms == null) {
      throw new IotsysException(
          ErrorKind.INTERNAL,
          "DynamoDB table " + table + " answered an item without " + DynamoDbStore.TIME);
    }
    return Instant.ofEpochMilli(ms.longValue());
  }

  private BigDecimal number(AttributeValue value, String attribute) {
    if (value == null || value.n() == null) {
      return null;
    }
    try {
      return new BigDecimal(value.n());
    } catch (NumberFormatException e) {
      throw new IotsysException(
          ErrorKind.INTERNAL,
          "DynamoDB table " + table + " answered an unreadable number for " + attribute,
          e);
    }
  }

  /** Running min, max, sum, count and newest time of one measure, exact. */
  private static final class Accumulator {
    private BigDecimal min;
    private BigDecimal max;
    private BigDecimal sum = BigDecimal.ZERO;
    private long count;
    private Instant last;

    void add(BigDecimal value, Instant time) {
      min = min == null || value.compareTo(min) < 0 ? value : min;
      max = max == null || value.compareTo(max) > 0 ? value : max;
      sum = sum.add(value);
      count++;
      last = last == null || time.isAfter(last) ? time : last;
    }

    MeasureStats stats(String measure) {
      if (count == 0) {
        return MeasureStats.none(measure);
      }
      return new MeasureStats(
          measure,
          min,
          max,
          sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64),
          count,
          last);
    }
  }
}
