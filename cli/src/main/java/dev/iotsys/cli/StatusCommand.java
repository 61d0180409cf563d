package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.AlertsStatus;
import dev.iotsys.api.AlertsStatus.SensorAlerts;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.KeyState;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.api.StatusResult;
import dev.iotsys.api.StatusResult.ResourceStatus;
import dev.iotsys.api.StatusResult.SensorStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code iotsys status --db NAME}: every resource as present, drifted or missing, every sensor's
 * certificates and newest reading, and, with alerts, each alarm's state and the subscriptions
 * awaiting confirmation. Exit code 0 when converged, 8 otherwise (for cron); alarms going off do
 * not change it.
 */
final class StatusCommand implements Command {
  @Override
  public List<String> words() {
    return List.of("status");
  }

  @Override
  public String parameters() {
    return "[--db NAME]";
  }

  @Override
  public String summary() {
    return "show what is present, drifted or missing, and each sensor's state (read only)";
  }

  @Override
  public List<String> examples() {
    return List.of("iotsys status --db home", "iotsys status --db home --output json");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(ErrorKind.NOT_CONVERGED);
  }

  @Override
  public Options options() {
    return new Options().addOption(InstallCommand.DB);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    Arguments.none(params, "status");
    String db = Arguments.database(cl, io.env());
    StatusResult result;
    java.util.Map<String, String> sparklines;
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      // Notes (alerts that could not be read) go to standard error; the result to standard out.
      result =
          iotsys.status(
              db,
              Optional.ofNullable(GlobalOptions.home(cl, io.env()).settings().store()),
              event -> {
                if (event instanceof IotsysEvent.Note n) {
                  io.err().println("iotsys: note: " + n.message());
                }
              });
      java.util.Map<String, String> types = new java.util.LinkedHashMap<>();
      result.sensors().forEach(s -> types.put(s.name(), s.typeId()));
      sparklines = Sparkline.last24h(iotsys, io, types);
    }
    HomeHint.keysAbsent(
            result.sensors().stream()
                .filter(s -> s.keyState() == KeyState.ABSENT)
                .map(SensorStatus::name)
                .toList(),
            result.sensors().size(),
            GlobalOptions.home(cl, io.env()))
        .ifPresent(io.err()::println);
    if (io.json()) {
      io.out().println(json(result));
    } else {
      text(result, sparklines, io);
    }
    return result.converged() ? 0 : ErrorKind.NOT_CONVERGED.exitCode();
  }

  private static void text(
      StatusResult result, java.util.Map<String, String> sparklines, Terminal io) {
    TextTable table = new TextTable();
    for (ResourceStatus r : result.resources()) {
      List<String> said = new java.util.ArrayList<>(r.differences());
      if (r.readings().isPresent()) {
        said.add(readings(r.readings().getAsLong()));
      }
      table.row(
          r.state().name(),
          r.kind(),
          r.name() + (said.isEmpty() ? "" : " (" + String.join("; ", said) + ")"));
    }
    // A sensor's fields in columns of their own, so that they line up whatever the names' lengths.
    List<List<String>> fields = new ArrayList<>();
    for (SensorStatus s : result.sensors()) {
      fields.add(
          List.of(
              s.name(),
              "certificates: "
                  + (s.certificates().isEmpty()
                      ? "none"
                      : s.certificates().stream()
                          .map(
                              c ->
                                  c.id().substring(0, Math.min(12, c.id().length()))
                                      + " "
                                      + c.status())
                          .collect(Collectors.joining(", "))),
              "key: " + s.keyState().name().toLowerCase(java.util.Locale.ROOT),
              s.packageMissing() ? "package: missing" : "",
              "last reading: " + s.lastReading().map(Object::toString).orElse("none in 30 days"),
              // Against the sensor's own interval: a board that keeps readings is not late.
              health(s.health(), s.publishEvery())
                  + " ("
                  + readings(s.expectedInterval(), s.publishEvery())
                  + ")",
              sparklines.containsKey(s.name()) ? "24h: " + sparklines.get(s.name()) : ""));
    }
    int[] widths = new int[fields.isEmpty() ? 0 : fields.get(0).size()];
    fields.forEach(f -> Arrays.setAll(widths, i -> Math.max(widths[i], f.get(i).length())));
    for (int i = 0; i < fields.size(); i++) {
      SensorStatus s = result.sensors().get(i);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < widths.length; c++) {
        if (widths[c] > 0) {
          String field = fields.get(i).get(c);
          line.append(c == 0 ? "" : "  ")
              .append(field)
              .append(" ".repeat(widths[c] - field.length()));
        }
      }
      table.row(
          s.healthy() ? "OK" : "PROBLEM", "sensor " + s.typeId(), line.toString().stripTrailing());
    }
    AlertsStatus alerts = result.alerts();
    if (alerts.enabled()) {
      for (SensorAlerts s : alerts.sensors()) {
        for (AlertsStatus.Alarm a : s.alarms()) {
          table.row(
              a.state() == AlertsStatus.AlarmState.ALARM
                  ? "ALARM"
                  : a.state() == AlertsStatus.AlarmState.OK ? "OK" : "NO_DATA",
              "cloudwatch-alarm",
              a.name() + " (" + AlertsCommand.setting(s, a) + ")");
        }
      }
      for (AlertsStatus.Subscription p : alerts.pending()) {
        table.row(
            "PENDING",
            "sns-subscription",
            p.address() + " (awaits the click on the link AWS e-mailed)");
      }
    }
    table.print(io.out());
    if (alerts.enabled()) {
      // The alerts' news, apart from the verdict: it never changes the exit code.
      io.out().println(AlertsCommand.summary(alerts));
    }
    long problems =
        result.resources().stream().filter(r -> r.state() != StatusResult.State.PRESENT).count()
            + result.sensors().stream().filter(s -> !s.healthy()).count();
    String verdict =
        result.converged()
            ? "converged"
            : Summary.count(problems, "problem")
                + "; 'iotsys install --db "
                + result.database()
                + "' repairs resources, 'iotsys sensor add' sensors";
    io.out()
        .println(
            "status: "
                + verdict
                + " (AWS calls: "
                + result.apiCalls().read()
                + " read, "
                + result.apiCalls().write()
                + " write)");
  }

  /** As the store counts them: DynamoDB refreshes its count about every six hours. */
  private static String readings(long count) {
    return "about " + count + (count == 1 ? " reading" : " readings");
  }

  private static String json(StatusResult result) {
    ObjectNode doc = Json.object();
    doc.put("command", "status");
    doc.put("database", result.database());
    doc.put("converged", result.converged());
    ArrayNode resources = doc.putArray("resources");
    for (ResourceStatus r : result.resources()) {
      ObjectNode node = resources.addObject();
      node.put("kind", r.kind());
      node.put("name", r.name());
      node.put("state", r.state().name());
      r.differences().forEach(node.putArray("differences")::add);
      if (r.readings().isPresent()) {
        node.put("readings", r.readings().getAsLong());
      }
    }
    ArrayNode sensors = doc.putArray("sensors");
    for (SensorStatus s : result.sensors()) {
      ObjectNode node = sensors.addObject();
      node.put("name", s.name());
      node.put("type", s.typeId());
      node.put("healthy", s.healthy());
      node.put("keyPresent", s.keyPresent());
      node.put("keyState", s.keyState().name());
      node.put("packageMissing", s.packageMissing());
      ArrayNode certs = node.putArray("certificates");
      for (SensorInfo.Certificate c : s.certificates()) {
        certs.addObject().put("id", c.id()).put("status", c.status());
      }
      if (s.lastReading().isPresent()) {
        node.put("lastReading", s.lastReading().get().toString());
      } else {
        node.putNull("lastReading");
      }
      node.put("health", s.health().name());
      node.put("publishEvery", s.publishEvery());
      node.put("expectedIntervalSeconds", s.expectedInterval().toSeconds());
    }
    AlertsCommand.json(doc.putObject("alerts"), result.alerts());
    Json.apiCalls(doc, result.apiCalls());
    return Json.text(doc);
  }

  /**
   * How a sensor's readings arrive, e.g. {@code every 5m} or {@code every 30m, 6 at a time}: a
   * board that keeps readings sends them in bursts, so a reading 10 minutes old is not late.
   */
  static String readings(java.time.Duration interval, int publishEvery) {
    long seconds = interval.toSeconds();
    String every =
        "every "
            + (seconds % 3600 == 0
                ? seconds / 3600 + "h"
                : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s");
    return publishEvery > 1 ? every + ", " + publishEvery + " at a time" : every;
  }

  /** The health word, and for a late board that keeps readings, that it is buffering. */
  static String health(dev.iotsys.api.SensorHealth.Health health, int publishEvery) {
    return switch (health) {
      case ON_TIME -> publishEvery > 1 ? "on time (buffering)" : "on time";
      case LATE -> "late";
      case SILENT -> "silent";
      case NEVER_SEEN -> "never seen";
      case UNKNOWN -> "readings unknown";
    };
  }
}
