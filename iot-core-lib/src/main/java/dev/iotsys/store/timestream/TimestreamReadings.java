package dev.iotsys.store.timestream;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.MeasureStats;
import dev.iotsys.spi.StoredReading;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamquery.model.ColumnInfo;
import software.amazon.awssdk.services.timestreamquery.model.Datum;
import software.amazon.awssdk.services.timestreamquery.model.QueryRequest;
import software.amazon.awssdk.services.timestreamquery.model.QueryResponse;
import software.amazon.awssdk.services.timestreamquery.model.ResourceNotFoundException;
import software.amazon.awssdk.services.timestreamquery.model.Row;
import software.amazon.awssdk.services.timestreamquery.model.ValidationException;

/**
 * Reads a device's readings back from Timestream with the queries of {@link TimestreamQueries},
 * following every page of the answer. Rows are read by column name, never by position.
 */
final class TimestreamReadings {
  /** Timestream's TIMESTAMP form, always UTC: {@code 2026-11-27 10:15:00.000000000}. */
  static final DateTimeFormatter TIMESTAMP =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private final Supplier<TimestreamQueryClient> query;

  /**
   * Creates a reader.
   *
   * @param query the Timestream query client, asked for on first use
   */
  TimestreamReadings(Supplier<TimestreamQueryClient> query) {
    this.query = query;
  }

  /**
   * A device's readings in a window, newest first.
   *
   * @param database the Timestream database
   * @param table the sensor type's table
   * @param measures the measures to read, e.g. {@code temperature}
   * @param device the thing name
   * @param since how far back to look
   * @param limit the most readings to return
   * @return the readings, newest first; empty when there are none
   * @throws IotsysException when an argument is invalid, the database or table does not exist,
   *     Timestream refuses access or cannot be reached
   */
  List<StoredReading> readings(
      String database,
      String table,
      List<String> measures,
      String device,
      Duration since,
      int limit) {
    String sql = TimestreamQueries.readings(database, table, measures, device, since, limit);
    List<StoredReading> readings = new ArrayList<>();
    run(
        sql,
        database,
        table,
        device,
        (columns, row) -> {
          if (readings.size() < limit) {
            readings.add(
                new StoredReading(
                    required(timestamp(columns.datum(row, "time")), "time"),
                    required(string(columns.datum(row, "measure_name")), "measure_name"),
                    number(columns.datum(row, "reading_value"))));
          }
          // Stop paging once full; the query's LIMIT makes this a safeguard, not the rule.
          return readings.size() < limit;
        });
    return readings;
  }

  /**
   * The minimum, maximum, average, count and newest time of each measure of a device in a window.
   *
   * @param database the Timestream database
   * @param table the sensor type's table
   * @param measures the measures to summarise
   * @param device the thing name
   * @param since how far back to look
   * @return one summary per measure, in the order given; a measure without readings in the window
   *     has a count of 0 (see {@link MeasureStats#none(String)})
   * @throws IotsysException when an argument is invalid, the database or table does not exist,
   *     Timestream refuses access or cannot be reached
   */
  List<MeasureStats> stats(
      String database, String table, List<String> measures, String device, Duration since) {
    String sql = TimestreamQueries.stats(database, table, measures, device, since);
    Map<String, MeasureStats> found = new HashMap<>();
    run(
        sql,
        database,
        table,
        device,
        (columns, row) -> {
          String measure = required(string(columns.datum(row, "measure_name")), "measure_name");
          Long count = bigint(columns.datum(row, "value_count"));
          found.put(
              measure,
              new MeasureStats(
                  measure,
                  number(columns.datum(row, "min_value")),
                  number(columns.datum(row, "max_value")),
                  number(columns.datum(row, "avg_value")),
                  count == null ? 0 : count,
                  timestamp(columns.datum(row, "last_time"))));
          return true;
        });
    Map<String, MeasureStats> ordered = new LinkedHashMap<>();
    for (String measure : measures) {
      ordered.putIfAbsent(measure, found.getOrDefault(measure, MeasureStats.none(measure)));
    }
    return List.copyOf(ordered.values());
  }

  /**
   * The newest reading time of every device of a table in a window, in one query.
   *
   * @param database the Timestream database
   * @param table the sensor type's table
   * @param measures the type's measures
   * @param since how far back to look
   * @return the newest time per device (thing name); a device without readings is absent
   * @throws IotsysException when an argument is invalid, the database or table does not exist,
   *     Timestream refuses access or cannot be reached
   */
  Map<String, Instant> lastTimes(
      String database, String table, List<String> measures, Duration since) {
    String sql = TimestreamQueries.lastTimes(database, table, measures, since);
    Map<String, Instant> last = new HashMap<>();
    run(
        sql,
        database,
        table,
        "the sensors of " + table,
        (columns, row) -> {
          String device = string(columns.datum(row, TimestreamStore.DEVICE_DIMENSION));
          Instant time = timestamp(columns.datum(row, "last_time"));
          if (device != null && time != null) {
            last.merge(device, time, (a, b) -> a.isAfter(b) ? a : b);
          }
          return true;
        });
    return Map.copyOf(last);
  }

  /** Receives the rows of an answer; returns false to read no further pages. */
  private interface RowSink {
    boolean accept(Columns columns, Row row);
  }

  private void run(String sql, String database, String table, String subject, RowSink sink) {
    QueryRequest request = QueryRequest.builder().queryString(sql).build();
    try {
      TimestreamCalls.call(
          "querying readings of " + subject,
          () -> {
            pages(request, sink);
            return null;
          });
    } catch (ResourceNotFoundException e) {
      throw missing(database, table, e);
    } catch (ValidationException e) {
      String message =
          e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
              ? String.valueOf(e.getMessage())
              : e.awsErrorDetails().errorMessage();
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains("does not exist") || lower.contains("not found")) {
        // A table that never received a matching record lacks that column (the device
        // dimension, measure_value::double): nothing to read yet, which is not a failure.
        if (lower.contains("column")) {
          return;
        }
        if (lower.contains("table") || lower.contains("database")) {
          throw missing(database, table, e);
        }
      }
      throw e;
    }
  }

  private void pages(QueryRequest request, RowSink sink) {
    Columns columns = null;
    for (QueryResponse page : query.get().queryPaginator(request)) {
      // Every page should name its columns; should one not, the previous names still hold.
      if (page.hasColumnInfo() && !page.columnInfo().isEmpty()) {
        columns = new Columns(page.columnInfo());
      }
      if (!page.hasRows() || page.rows().isEmpty()) {
        continue;
      }
      if (columns == null) {
        throw new IotsysException(
            ErrorKind.INTERNAL, "Timestream answered rows without naming their columns");
      }
      for (Row row : page.rows()) {
        if (!sink.accept(columns, row)) {
          return;
        }
      }
    }
  }

  private static IotsysException missing(String database, String table, Exception cause) {
    return new IotsysException(
        ErrorKind.PRECONDITION,
        "Timestream database "
            + database
            + " or its table "
            + table
            + " does not exist: run 'iotsys install --db "
            + database
            + "'",
        cause);
  }

  /** Where each named column sits in the rows of one answer. */
  private static final class Columns {
    private final Map<String, Integer> index = new HashMap<>();

    Columns(List<ColumnInfo> info) {
      for (int i = 0; i < info.size(); i++) {
        index.putIfAbsent(info.get(i).name(), i);
      }
    }

    Datum datum(Row row, String column) {
      Integer i = index.get(column);
      if (i == null) {
        throw new IotsysException(
            ErrorKind.INTERNAL,
            "Timestream's answer lacks the column " + column + " (it has " + index.keySet() + ")");
      }
      if (!row.hasData() || i >= row.data().size()) {
        throw new IotsysException(
            ErrorKind.INTERNAL, "Timestream answered a row without a value for " + column);
      }
      return row.data().get(i);
    }
  }

  static String string(Datum d) {
    return isNull(d) ? null : d.scalarValue();
  }

  /** A number exactly as Timestream wrote it, never through a binary floating point value. */
  static BigDecimal number(Datum d) {
    if (isNull(d)) {
      return null;
    }
    try {
      return new BigDecimal(d.scalarValue());
    } catch (NumberFormatException e) {
      throw unreadable(d, "number", e);
    }
  }

  static Long bigint(Datum d) {
    if (isNull(d)) {
      return null;
    }
    try {
      return Long.valueOf(d.scalarValue());
    } catch (NumberFormatException e) {
      throw unreadable(d, "whole number", e);
    }
  }

  static Instant timestamp(Datum d) {
    if (isNull(d)) {
      return null;
    }
    try {
      return LocalDateTime.parse(d.scalarValue(), TIMESTAMP).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw unreadable(d, "timestamp", e);
    }
  }

  private static boolean isNull(Datum d) {
    return d == null || Boolean.TRUE.equals(d.nullValue()) || d.scalarValue() == null;
  }

  private static IotsysException unreadable(Datum d, String kind, Exception cause) {
    String value =
        d.scalarValue()
            .codePoints()
            .limit(40)
            .map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return new IotsysException(
        ErrorKind.INTERNAL,
        "Timestream answered '" + value + "' where a " + kind + " belongs",
        cause);
  }

  private static <T> T required(T value, String column) {
    if (value == null) {
      throw new IotsysException(
          ErrorKind.INTERNAL, "Timestream answered a reading without " + column);
    }
    return value;
  }
}
