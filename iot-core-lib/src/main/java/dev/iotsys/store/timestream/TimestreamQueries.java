package dev.iotsys.store.timestream;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Timestream queries behind {@code data}, built as exact, deterministic strings (tests preload
 * answers for them in moto).
 *
 * <p>Timestream's Query API takes no bind parameters, so every value is validated against the rule
 * of the name it stands for, and then quoted anyway: identifiers in double quotes, strings in
 * single quotes, each with its quote character doubled. Validation gives the user a clear message;
 * quoting makes sure that even a value that slipped past it stays one identifier or one string and
 * can never change what the query means.
 */
final class TimestreamQueries {
  /** Table and measure names as iotsys makes them: a sensor type id, a JSON key. */
  static final String TABLE_OR_MEASURE = "[a-zA-Z0-9_]{1,256}";

  /** Database and thing names as iotsys checks them before any call. */
  private static final String DATABASE = "[a-zA-Z0-9_.-]{3,256}";

  private static final String DEVICE = "[a-zA-Z0-9:_-]{1,128}";

  private TimestreamQueries() {}

  /**
   * A device's readings in a window, newest first, e.g.
   *
   * <pre>{@code
   * SELECT time, measure_name, measure_value::double AS reading_value
   * FROM "home"."attictemp" WHERE device = 'kitchen' AND measure_name IN ('temperature')
   * AND time > ago(24h) ORDER BY time DESC, measure_name LIMIT 100
   * }</pre>
   *
   * (on one line, with single spaces).
   */
  static String readings(
      String database,
      String table,
      List<String> measures,
      String device,
      Duration since,
      int limit) {
    if (limit < 1) {
      throw new IotsysException(ErrorKind.INTERNAL, "Cannot query readings: a limit below 1");
    }
    return "SELECT time, measure_name, measure_value::double AS reading_value"
        + from(database, table)
        + where(measures, device, since)
        + " ORDER BY time DESC, measure_name LIMIT "
        + limit;
  }

  /**
   * The minimum, maximum, average, count and newest time of each measure of a device in a window,
   * e.g.
   *
   * <pre>{@code
   * SELECT measure_name, min(measure_value::double) AS min_value,
   * max(measure_value::double) AS max_value, avg(measure_value::double) AS avg_value,
   * count(measure_value::double) AS value_count, max(time) AS last_time
   * FROM "home"."attictemp" WHERE device = 'kitchen' AND measure_name IN ('temperature')
   * AND time > ago(24h) GROUP BY measure_name ORDER BY measure_name
   * }</pre>
   *
   * (on one line, with single spaces). The count counts values, like the average does, so a record
   * without a numeric value is left out of both.
   */
  static String stats(
      String database, String table, List<String> measures, String device, Duration since) {
    return "SELECT measure_name,"
        + " min(measure_value::double) AS min_value,"
        + " max(measure_value::double) AS max_value,"
        + " avg(measure_value::double) AS avg_value,"
        + " count(measure_value::double) AS value_count,"
        + " max(time) AS last_time"
        + from(database, table)
        + where(measures, device, since)
        + " GROUP BY measure_name ORDER BY measure_name";
  }

  /**
   * The newest time of each device of a table in a window, e.g.
   *
   * <pre>{@code
   * SELECT device, max(time) AS last_time FROM "home"."attictemp"
   * WHERE measure_name IN ('temperature') AND time > ago(30d) GROUP BY device
   * }</pre>
   *
   * (on one line, with single spaces): one query for every sensor of a type.
   */
  static String lastTimes(String database, String table, List<String> measures, Duration since) {
    return "SELECT "
        + TimestreamStore.DEVICE_DIMENSION
        + ", max(time) AS last_time"
        + from(database, table)
        + " WHERE "
        + measuresAndWindow(measures, since)
        + " GROUP BY "
        + TimestreamStore.DEVICE_DIMENSION;
  }

  private static String from(String database, String table) {
    if (database == null || !database.matches(DATABASE)) {
      throw new IotsysException(
          ErrorKind.INTERNAL, "Cannot query database: not a name iotsys makes");
    }
    if (table == null || !table.matches(TABLE_OR_MEASURE)) {
      throw new IotsysException(ErrorKind.INTERNAL, "Cannot query table: not a name iotsys makes");
    }
    return " FROM " + identifier(database) + "." + identifier(table);
  }

  private static String where(List<String> measures, String device, Duration since) {
    if (device == null || !device.matches(DEVICE)) {
      throw new IotsysException(ErrorKind.INTERNAL, "Cannot query device: not a thing name");
    }
    return " WHERE "
        + TimestreamStore.DEVICE_DIMENSION
        + " = "
        + literal(device)
        + " AND "
        + measuresAndWindow(measures, since);
  }

  private static String measuresAndWindow(List<String> measures, Duration since) {
    if (measures == null || measures.isEmpty()) {
      throw new IotsysException(ErrorKind.INTERNAL, "Cannot query readings: no measure named");
    }
    for (String measure : measures) {
      if (measure == null || !measure.matches(TABLE_OR_MEASURE)) {
        throw new IotsysException(
            ErrorKind.INTERNAL, "Cannot query a measure: not a valid measure name");
      }
    }
    if (since == null) {
      throw new IotsysException(ErrorKind.INTERNAL, "Cannot query readings: no time window");
    }
    return "measure_name IN ("
        + measures.stream()
            .distinct()
            .map(TimestreamQueries::literal)
            .collect(Collectors.joining(", "))
        + ") AND time > "
        + ago(since);
  }

  /** A quoted identifier: double quotes around, any double quote inside doubled. */
  static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A string literal: single quotes around, any single quote inside doubled. */
  static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  /**
   * The window in Timestream's query language: whole days from two days on, else whole hours,
   * minutes or seconds, e.g. {@code ago(24h)}, {@code ago(7d)}, {@code ago(30m)}, {@code ago(90s)}.
   */
  static String ago(Duration window) {
    long seconds = window.toSeconds();
    if (seconds <= 0) {
      throw new IotsysException(ErrorKind.INTERNAL, "Cannot query readings: an empty time window");
    }
    String text =
        seconds % 86_400 == 0 && seconds >= 2 * 86_400
            ? seconds / 86_400 + "d"
            : seconds % 3_600 == 0
                ? seconds / 3_600 + "h"
                : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    return "ago(" + text + ")";
  }
}
