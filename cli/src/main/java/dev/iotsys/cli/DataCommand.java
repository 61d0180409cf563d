package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingStats;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code iotsys data NAME}: a sensor's readings, newest first, or their statistics. */
final class DataCommand implements Command {
  static final Option SINCE =
      Option.builder()
          .longOpt("since")
          .hasArg()
          .argName("WINDOW")
          .desc("how far back: a number and s, m, h or d (default: 24h)")
          .get();
  static final Option LIMIT =
      Option.builder()
          .longOpt("limit")
          .hasArg()
          .argName("N")
          .desc("at most N readings, 1 to 10000 (default: 100)")
          .get();
  static final Option STATS =
      Option.builder()
          .longOpt("stats")
          .desc("min, max, average, count and last time over the window")
          .get();
  static final Option CHART =
      Option.builder()
          .longOpt("chart")
          .desc("draw the window as a line chart (on a terminal; elsewhere the plain table)")
          .get();

  @Override
  public List<String> words() {
    return List.of("data");
  }

  @Override
  public String parameters() {
    return "NAME";
  }

  @Override
  public String summary() {
    return "show a sensor's readings (--stats: their statistics)";
  }

  @Override
  public boolean writesCsv() {
    return true;
  }

  @Override
  public List<String> examples() {
    return List.of(
        "iotsys data kitchen",
        "iotsys data kitchen --since 7d --stats",
        "iotsys data kitchen --since 30d --limit 10000 --output csv > kitchen.csv");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(ErrorKind.PRECONDITION);
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(SINCE)
        .addOption(LIMIT)
        .addOption(STATS)
        .addOption(CHART)
        .addOption(InstallCommand.DB);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    String name = Arguments.exactlyOne(params, "data", "NAME");
    String since = cl.getOptionValue(SINCE, "24h");
    Optional<String> db = Optional.ofNullable(cl.getOptionValue(InstallCommand.DB));
    if (cl.hasOption(STATS) && cl.hasOption(LIMIT)) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "--limit does not apply with --stats");
    }
    if (cl.hasOption(CHART) && cl.hasOption(STATS)) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "--chart draws the readings, --stats their summary: give one");
    }
    // A chart is drawn only in text on a terminal; JSON, CSV, a pipe or a file get what they would
    // without --chart, as the sparklines of 'sensor list' are left out there too.
    boolean chart = cl.hasOption(CHART) && io.format() == Terminal.Format.TEXT && io.interactive();
    int limit = limit(cl.getOptionValue(LIMIT, chart ? "10000" : "100"));
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      if (chart) {
        chart(name, Iotsys.window(since), iotsys.readings(name, db, since, limit), io);
      } else if (cl.hasOption(STATS)) {
        List<ReadingStats> stats = iotsys.readingStats(name, db, since);
        stats(name, since, stats, iotsys.apiCalls(), io);
      } else {
        List<Reading> readings = iotsys.readings(name, db, since, limit);
        readings(name, since, readings, iotsys.apiCalls(), io);
      }
    }
    return 0;
  }

  /**
   * One chart per measure, as wide as the terminal (COLUMNS, else 80), each with its unit as the
   * sensor's own type declares it.
   */
  private static void chart(
      String name, java.time.Duration window, List<Reading> rows, Terminal io) {
    if (rows.isEmpty()) {
      io.out().println("no readings of " + name + " to draw");
      return;
    }
    int width = 80;
    try {
      width = Integer.parseInt(io.env().getOrDefault("COLUMNS", "80").trim());
    } catch (NumberFormatException ignored) {
      // 80 it is
    }
    java.time.Instant to = java.time.Instant.now();
    java.time.Instant from = to.minus(window);
    java.util.Map<String, List<Reading>> byMeasure = new java.util.TreeMap<>();
    rows.forEach(
        r -> byMeasure.computeIfAbsent(r.measure(), k -> new java.util.ArrayList<>()).add(r));
    LineChart chart = new LineChart(Math.min(width, 160), 12, java.time.ZoneId.systemDefault());
    boolean first = true;
    for (java.util.Map.Entry<String, List<Reading>> m : byMeasure.entrySet()) {
      if (!first) {
        io.out().println();
      }
      first = false;
      chart
          .draw(
              m.getKey(),
              m.getValue().get(0).unit(),
              m.getValue().stream().map(Reading::time).toList(),
              m.getValue().stream().map(Reading::value).toList(),
              from,
              to)
          .forEach(io.out()::println);
    }
  }

  private static int limit(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --limit '" + IotsysException.shown(value) + "': use 1 to 10000");
    }
  }

  private static void readings(
      String name, String since, List<Reading> rows, ApiCalls calls, Terminal io) {
    switch (io.format()) {
      case JSON -> {
        ObjectNode doc =
            Json.object().put("command", "data").put("sensor", name).put("since", since);
        ArrayNode array = doc.putArray("readings");
        for (Reading r : rows) {
          ObjectNode node =
              array.addObject().put("time", r.time().toString()).put("measure", r.measure());
          if (r.value() == null) {
            node.putNull("value");
          } else {
            node.put("value", r.value());
          }
        }
        Json.apiCalls(doc, calls);
        io.out().println(Json.text(doc));
      }
      case CSV -> {
        io.out().println("time,measure,value");
        rows.forEach(
            r ->
                io.out()
                    .println(
                        r.time()
                            + ","
                            + r.measure()
                            + ","
                            + (r.value() == null ? "" : r.value().toPlainString())));
      }
      default -> {
        if (rows.isEmpty()) {
          io.out().println("no readings of " + name + " in the last " + since);
          return;
        }
        TextTable table = new TextTable().row("time", "measure", "value");
        rows.forEach(
            r ->
                table.row(
                    r.time().toString(),
                    r.measure(),
                    r.value() == null ? "-" : r.value().toPlainString()));
        table.print(io.out());
      }
    }
  }

  private static void stats(
      String name, String since, List<ReadingStats> rows, ApiCalls calls, Terminal io) {
    switch (io.format()) {
      case JSON -> {
        ObjectNode doc =
            Json.object().put("command", "data").put("sensor", name).put("since", since);
        ArrayNode array = doc.putArray("stats");
        for (ReadingStats s : rows) {
          ObjectNode node = array.addObject().put("measure", s.measure());
          number(node, "min", s.min());
          number(node, "max", s.max());
          number(node, "average", rounded(s.average()));
          node.put("count", s.count());
          if (s.last() == null) {
            node.putNull("last");
          } else {
            node.put("last", s.last().toString());
          }
        }
        Json.apiCalls(doc, calls);
        io.out().println(Json.text(doc));
      }
      case CSV -> {
        io.out().println("measure,min,max,average,count,last");
        rows.forEach(
            s ->
                io.out()
                    .println(
                        String.join(
                            ",",
                            s.measure(),
                            text(s.min(), ""),
                            text(s.max(), ""),
                            text(rounded(s.average()), ""),
                            String.valueOf(s.count()),
                            s.last() == null ? "" : s.last().toString())));
      }
      default -> {
        TextTable table =
            new TextTable().row("measure", "min", "max", "average", "count", "last reading");
        rows.forEach(
            s ->
                table.row(
                    s.measure(),
                    text(s.min(), "-"),
                    text(s.max(), "-"),
                    text(rounded(s.average()), "-"),
                    Long.toString(s.count()),
                    s.last() == null ? "none in the last " + since : s.last().toString()));
        table.print(io.out());
      }
    }
  }

  private static void number(ObjectNode node, String field, BigDecimal value) {
    if (value == null) {
      node.putNull(field);
    } else {
      node.put(field, value);
    }
  }

  private static String text(BigDecimal value, String none) {
    return value == null ? none : value.toPlainString();
  }

  /**
   * The average as every output shows it: two decimals. The store computes it to 16 significant
   * digits, more than any sensor measures; min and max are readings, shown exactly as stored.
   */
  private static BigDecimal rounded(BigDecimal average) {
    return average == null ? null : average.setScale(2, java.math.RoundingMode.HALF_UP);
  }
}
