package dev.iotsys.internal.storage;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.internal.Names;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Timestream queries behind {@code data}, built as exact, deterministic strings (tests preload
 * answers for them in moto).
 *
 * <p>Timestream's Query API takes no bind parameters, so every value is validated against the
 * rule of the name it stands for, and then quoted anyway: identifiers in double quotes, strings in
 * single quotes, each with its quote character doubled. Validation gives the user a clear message;
 * quoting makes sure that even a value that slipped past it stays one identifier or one string
 * and can never change what the query means.
 */
public final class TimestreamQueries {
  /** The most rows {@code data} asks for. */
  public static final int MAX_LIMIT = 10_000;

  /** Table and measure names as iotsys makes them: a sensor type id, a JSON key. */
  static final String TABLE_OR_MEASURE = "[a-zA-Z0-9_]{1,256}";

  private TimestreamQueries() {}

  /**
   * A device's readings in a window, newest first, e.g.
   *
   * <pre>{@code
   * SELECT time, measure_name, measure_value::double AS reading_value
   * FROM "home"."esp8266temp" WHERE device = 'kitchen' AND measure_name IN ('temperature')
   * AND time > ago(24h) ORDER BY time DESC, measure_name LIMIT 100
   * }</pre>
   *
   * (on one line, with single spaces).
   */
  public static String readings(String database, String table, List<String> measures,
      String device, Since since, int limit) {
    checkLimit(limit);
    return "SELECT time, measure_name, measure_value::double AS reading_value"
        + from(database, table)
        + where(measures, device, since)
        + " ORDER BY time DESC, measure_name LIMIT " + limit;
  }

  /**
   * The minimum, maximum, average, count and newest time of each measure of a device in a window,
   * e.g.
   *
   * <pre>{@code
   * SELECT measure_name, min(measure_value::double) AS min_value,
   * max(measure_value::double) AS max_value, avg(measure_value::double) AS avg_value,
   * count(measure_value::double) AS value_count, max(time) AS last_time
   * FROM "home"."esp8266temp" WHERE device = 'kitchen' AND measure_name IN ('temperature')
   * AND time > ago(24h) GROUP BY measure_name ORDER BY measure_name
   * }</pre>
   *
   * (on one line, with single spaces). The count counts values, like the average does, so a
   * record without a numeric value is left out of both.
   */
  public static String stats(String database, String table, List<String> measures,
      String device, Since since) {
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
   * SELECT device, max(time) AS last_time FROM "home"."esp8266temp"
   * WHERE measure_name IN ('temperature') AND time > ago(30d) GROUP BY device
   * }</pre>
   *
   * (on one line, with single spaces): one query for every sensor of a type.
   */
  public static String lastTimes(String database, String table, List<String> measures,
      Since since) {
    return "SELECT " + TimestreamStore.DEVICE_DIMENSION + ", max(time) AS last_time"
        + from(database, table)
        + " WHERE " + measuresAndWindow(measures, since)
        + " GROUP BY " + TimestreamStore.DEVICE_DIMENSION;
  }

  private static String from(String database, String table) {
    Names.database(database);
    if (table == null || !table.matches(TABLE_OR_MEASURE)) {
      throw new IotsysException(ErrorKind.INTERNAL,
          "Cannot query table '" + Names.printable(table) + "': not a name iotsys makes");
    }
    return " FROM " + identifier(database) + "." + identifier(table);
  }

  private static String where(List<String> measures, String device, Since since) {
    Names.thingName(device);
    return " WHERE " + TimestreamStore.DEVICE_DIMENSION + " = " + literal(device)
        + " AND " + measuresAndWindow(measures, since);
  }

  private static String measuresAndWindow(List<String> measures, Since since) {
    if (measures == null || measures.isEmpty()) {
      throw new IotsysException(ErrorKind.INTERNAL, "Cannot query readings: no measure named");
    }
    for (String measure : measures) {
      if (measure == null || !measure.matches(TABLE_OR_MEASURE)) {
        throw new IotsysException(ErrorKind.INTERNAL,
            "Cannot query measure '" + Names.printable(measure) + "': not a valid measure name");
      }
    }
    if (since == null) {
      throw new IotsysException(ErrorKind.INTERNAL, "Cannot query readings: no time window");
    }
    return "measure_name IN ("
        + measures.stream().distinct().map(TimestreamQueries::literal)
            .collect(Collectors.joining(", "))
        + ") AND time > " + since.ago();
  }

  /** A quoted identifier: double quotes around, any double quote inside doubled. */
  static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A string literal: single quotes around, any single quote inside doubled. */
  static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }

  /** Fails on a limit outside 1 to {@link #MAX_LIMIT}: user input, checked before any call. */
  public static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IotsysException(ErrorKind.INVALID_INPUT,
          "Invalid --limit " + limit + ": use 1 to " + MAX_LIMIT);
    }
    return limit;
  }
}
