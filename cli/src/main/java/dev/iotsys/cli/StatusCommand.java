package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.AlertsStatus;
import dev.iotsys.api.AlertsStatus.SensorAlerts;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.api.StatusResult;
import dev.iotsys.api.StatusResult.ResourceStatus;
import dev.iotsys.api.StatusResult.SensorStatus;
import java.util.List;
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
    return "--db NAME";
  }

  @Override
  public String summary() {
    return "show what is present, drifted or missing, and each sensor's state (read only)";
  }

  @Override
  public Options options() {
    return new Options().addOption(InstallCommand.DB);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    Arguments.none(params, "status");
    String db = Arguments.required(cl, InstallCommand.DB);
    StatusResult result;
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      // Notes (alerts that could not be read) go to standard error; the result to standard out.
      result = iotsys.status(db, event -> {
        if (event instanceof IotsysEvent.Note n) {
          io.err().println("iotsys: note: " + n.message());
        }
      });
    }
    if (io.json()) {
      io.out().println(json(result));
    } else {
      text(result, io);
    }
    return result.converged() ? 0 : ErrorKind.NOT_CONVERGED.exitCode();
  }

  private static void text(StatusResult result, Terminal io) {
    for (ResourceStatus r : result.resources()) {
      String line = String.format("%-8s %-20s %s", r.state(), r.kind(), r.name());
      io.out().println(r.differences().isEmpty()
          ? line : line + " (" + String.join("; ", r.differences()) + ")");
    }
    for (SensorStatus s : result.sensors()) {
      io.out().printf("%-8s %-20s %s  certificates: %s  key: %s  last reading: %s%n",
          s.healthy() ? "OK" : "PROBLEM", "sensor " + s.typeId(), s.name(),
          s.certificates().isEmpty() ? "none" : s.certificates().stream()
              .map(c -> c.id().substring(0, Math.min(12, c.id().length())) + " " + c.status())
              .collect(Collectors.joining(", ")),
          s.keyPresent() ? "present" : "missing",
          s.lastReading().map(Object::toString).orElse("none in 30 days"));
    }
    AlertsStatus alerts = result.alerts();
    if (alerts.enabled()) {
      for (SensorAlerts s : alerts.sensors()) {
        for (AlertsStatus.Alarm a : s.alarms()) {
          io.out().printf("%-8s %-20s %s (%s)%n", a.state() == AlertsStatus.AlarmState.ALARM
              ? "ALARM" : a.state() == AlertsStatus.AlarmState.OK ? "OK" : "NO_DATA",
              "cloudwatch-alarm", a.name(), AlertsCommand.setting(s, a));
        }
      }
      for (AlertsStatus.Subscription p : alerts.pending()) {
        io.out().printf("%-8s %-20s %s (awaits the click on the link AWS e-mailed)%n",
            "PENDING", "sns-subscription", p.address());
      }
      // The alerts' news, apart from the verdict: it never changes the exit code.
      io.out().println(AlertsCommand.summary(alerts));
    }
    long problems = result.resources().stream()
        .filter(r -> r.state() != StatusResult.State.PRESENT).count()
        + result.sensors().stream().filter(s -> !s.healthy()).count();
    String verdict = result.converged()
        ? "converged"
        : problems + (problems == 1 ? " problem" : " problems") + "; 'iotsys install --db "
            + result.database() + "' repairs resources, 'iotsys sensor add' sensors";
    io.out().println("status: " + verdict + " (AWS calls: " + result.apiCalls().read()
        + " read, " + result.apiCalls().write() + " write)");
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
    }
    ArrayNode sensors = doc.putArray("sensors");
    for (SensorStatus s : result.sensors()) {
      ObjectNode node = sensors.addObject();
      node.put("name", s.name());
      node.put("type", s.typeId());
      node.put("healthy", s.healthy());
      node.put("keyPresent", s.keyPresent());
      ArrayNode certs = node.putArray("certificates");
      for (SensorInfo.Certificate c : s.certificates()) {
        certs.addObject().put("id", c.id()).put("status", c.status());
      }
      if (s.lastReading().isPresent()) {
        node.put("lastReading", s.lastReading().get().toString());
      } else {
        node.putNull("lastReading");
      }
    }
    AlertsCommand.json(doc.putObject("alerts"), result.alerts());
    Json.apiCalls(doc, result.apiCalls());
    return Json.text(doc);
  }
}
