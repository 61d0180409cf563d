package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.AlertsResult;
import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.StepResult;
import dev.iotsys.api.UninstallResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Shows a command over resources (install, uninstall, alerts): a line per resource as it is
 * handled, then a summary; or one JSON document.
 */
final class ResourceOutput implements IotsysListener {
  private final Terminal io;

  /**
   * What uninstall --remove-sensors did to each sensor, gathered from the events of their removal
   * (which run at once, so their notes interleave) and shown per sensor as {@code sensor remove}
   * shows them, before the first resource.
   */
  private final Map<String, List<String>> sensorActions = new LinkedHashMap<>();

  private final Map<String, List<StepResult>> sensorSteps = new LinkedHashMap<>();

  ResourceOutput(Terminal io) {
    this.io = io;
  }

  /**
   * On a terminal the "checking" line is a progress line on standard error that the resource's
   * result replaces, so each resource shows once.
   */
  @Override
  public synchronized void onEvent(IotsysEvent event) {
    if (io.json()) {
      return;
    }
    if (event instanceof IotsysEvent.Checking c && c.kind().equals("sensor")) {
      sensorActions.putIfAbsent(c.name(), new ArrayList<>());
      sensorSteps.putIfAbsent(c.name(), new ArrayList<>());
    }
    if (event instanceof IotsysEvent.Stepped s && sensorSteps.containsKey(s.sensor())) {
      sensorSteps.get(s.sensor()).add(s.step());
      return;
    }
    if (event instanceof IotsysEvent.Note n && sensorNote(n.message())) {
      return;
    }
    if (event instanceof IotsysEvent.Checking c) {
      if (io.interactive()) {
        io.err()
            .print(
                "\r["
                    + c.index()
                    + "/"
                    + c.total()
                    + "] checking "
                    + c.kind()
                    + " "
                    + c.name()
                    + "\u001b[K");
        io.err().flush();
      }
      return;
    }
    clearProgress();
    if (event instanceof IotsysEvent.Converged c) {
      showSensors();
      io.out().println(line(c.result()));
    } else if (event instanceof IotsysEvent.Note n) {
      io.out().println("note: " + n.message());
    }
  }

  /** A sensor's note ("kitchen: deleted thing kitchen") kept for its own lines. */
  private boolean sensorNote(String message) {
    for (Map.Entry<String, List<String>> sensor : sensorActions.entrySet()) {
      if (message.startsWith(sensor.getKey() + ": ")) {
        sensor.getValue().add(message.substring(sensor.getKey().length() + 2));
        return true;
      }
    }
    return false;
  }

  /** Each removed sensor as a resource line, with its steps as {@code sensor remove} shows them. */
  private void showSensors() {
    for (String name : sensorActions.keySet()) {
      SensorResult removed =
          new SensorResult(
              name,
              Optional.empty(),
              SensorOutcome.REMOVED,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              sensorActions.get(name),
              Optional.empty(),
              Optional.empty(),
              sensorSteps.get(name));
      io.out().println(String.format("%-12s %-20s %s", removed.result(), "sensor", name));
      SensorCommand.steps(removed).forEach(io.out()::println);
    }
    sensorActions.clear();
    sensorSteps.clear();
  }

  private void clearProgress() {
    if (io.interactive()) {
      io.err().print("\r\u001b[K");
      io.err().flush();
    }
  }

  static String line(ResourceResult r) {
    String line = String.format("%-12s %-20s %s", r.outcome(), r.kind(), r.name());
    return r.differences().isEmpty() || r.outcome() == Outcome.WOULD_CREATE
        ? line
        : line + " (" + String.join("; ", r.differences()) + ")";
  }

  void finish(String command, InstallResult result) {
    if (!io.json()) {
      java.util.Set<String> stores = new java.util.TreeSet<>(result.stores().values());
      io.out().println("store: " + String.join(", ", stores));
    }
    finish(
        command,
        result.database(),
        result.dryRun(),
        result.resources(),
        result.apiCalls(),
        doc -> {
          doc.put("changed", result.changed());
          ObjectNode stores = doc.putObject("stores");
          new java.util.TreeMap<>(result.stores()).forEach(stores::put);
        },
        true);
  }

  void finish(String command, AlertsResult result) {
    finish(
        command,
        null,
        result.dryRun(),
        result.resources(),
        result.apiCalls(),
        doc -> {
          doc.put("changed", result.changed());
          // Packages whose config.json now differs from what the board runs: flash them again.
          var rewritten = doc.putArray("packagesRewritten");
          result.packagesRewritten().forEach(p -> rewritten.add(p.toString()));
        },
        false);
  }

  void finish(String command, UninstallResult result) {
    if (!io.json()) {
      showSensors();
    }
    if (!io.json() && !result.removedSensors().isEmpty()) {
      io.out()
          .println(
              (result.dryRun() ? "would remove sensors: " : "removed sensors: ")
                  + String.join(", ", result.removedSensors()));
    }
    finish(
        command,
        result.database(),
        result.dryRun(),
        result.resources(),
        result.apiCalls(),
        doc -> {
          doc.put("somethingLeft", result.somethingLeft());
          result.removedSensors().forEach(doc.putArray("removedSensors")::add);
          result.notes().forEach(doc.putArray("notes")::add);
        },
        true);
    List<String> kept =
        result.resources().stream()
            .filter(r -> r.outcome() == Outcome.KEPT)
            .map(r -> r.kind() + " " + r.name())
            .toList();
    if (!io.json() && !kept.isEmpty()) {
      // What holds the readings depends on the store (DynamoDB has tables and no database):
      // named as the resources kept are, not as one store has them.
      io.out()
          .println(
              "the readings were kept in "
                  + String.join(", ", kept)
                  + ": add --delete-data to delete "
                  + (kept.size() == 1 ? "it" : "them")
                  + " with every reading");
    }
  }

  private void finish(
      String command,
      String database,
      boolean dryRun,
      List<ResourceResult> resources,
      ApiCalls calls,
      Consumer<ObjectNode> extra,
      boolean withDatabase) {
    if (io.json()) {
      ObjectNode doc = Json.object();
      doc.put("command", command);
      if (withDatabase) {
        doc.put("database", database);
      }
      doc.put("dryRun", dryRun);
      extra.accept(doc);
      ArrayNode nodes = doc.putArray("resources");
      for (ResourceResult r : resources) {
        ObjectNode node = nodes.addObject();
        node.put("kind", r.kind());
        node.put("name", r.name());
        node.put("outcome", r.outcome().name());
        ArrayNode diffs = node.putArray("differences");
        r.differences().forEach(diffs::add);
      }
      Json.apiCalls(doc, calls);
      io.out().println(Json.text(doc));
      return;
    }
    io.out()
        .println(
            Summary.line(
                command,
                Summary.count(resources.size(), "resource"),
                Outcome.class,
                resources.stream().map(ResourceResult::outcome).toList(),
                calls,
                dryRun));
  }
}
