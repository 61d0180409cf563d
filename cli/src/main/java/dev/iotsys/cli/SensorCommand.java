package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.SensorsResult;
import dev.iotsys.api.StepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What the {@code sensor} commands share: their progress and their output. */
final class SensorCommand {
  private SensorCommand() {}

  /**
   * Progress on a terminal (stderr): which name started, and each step as it happens. A dry run
   * shows only the names: its plan is the result, printed per name at the end (as off a terminal),
   * never interleaved as the names' plans are made at once.
   */
  static IotsysListener progress(Terminal io, boolean dryRun) {
    if (io.json() || !io.interactive()) {
      return IotsysListener.NONE;
    }
    return new IotsysListener() {
      @Override
      public synchronized void onEvent(IotsysEvent event) {
        if (event instanceof IotsysEvent.Checking c && c.kind().equals("sensor")) {
          io.err().printf("[%d/%d] %s%n", c.index(), c.total(), c.name());
        } else if (event instanceof IotsysEvent.Note n && !dryRun) {
          io.err().println("      " + n.message());
        }
      }
    };
  }

  /** Prints one line per name and a summary, or one JSON document; returns the exit code. */
  static int finish(String command, SensorsResult result, Terminal io, Path home) {
    if (io.json()) {
      io.out().println(json(command, result));
    } else {
      for (SensorResult s : result.sensors()) {
        io.out().println(line(s, home));
        // On a terminal every action was shown as it happened (progress); not twice. A dry run's
        // plan was not (see progress): it is the output, in one layout however many names.
        if (!s.outcome().isFailure()
            && s.result() != Outcome.ABSENT
            && (!io.interactive() || result.dryRun())) {
          steps(s).forEach(io.out()::println);
        }
      }
      io.out().println(summary(command, result));
    }
    return exitCode(result);
  }

  /**
   * 0 when every name succeeded; when every name failed for the same kind of reason, that reason's
   * code (a single refused name exits as a refusal, 6, not as a partial failure); otherwise 7.
   */
  static int exitCode(SensorsResult result) {
    if (result.succeeded()) {
      return 0;
    }
    List<ErrorKind> kinds =
        result.sensors().stream().map(s -> s.errorKind().orElse(null)).distinct().toList();
    return kinds.size() == 1 && kinds.get(0) != null
        ? kinds.get(0).exitCode()
        : ErrorKind.PARTIAL_FAILURE.exitCode();
  }

  /**
   * Under a name, each step that did (or would do) something, with what it did; what was found
   * outside any step (an adopted certificate, a thing already gone) in its place among them.
   */
  static List<String> steps(SensorResult s) {
    List<String> lines = new ArrayList<>();
    List<String> actions = s.actions();
    int next = 0;
    for (StepResult step : s.steps()) {
      boolean shown =
          step.outcome().isChange()
              || step.outcome() == Outcome.KEPT
              || step.outcome() == Outcome.FAILED;
      int at =
          step.actions().isEmpty()
              ? -1
              : Collections.indexOfSubList(actions.subList(next, actions.size()), step.actions());
      if (at >= 0) {
        for (int i = next; i < next + at; i++) {
          lines.add("    " + actions.get(i));
        }
        next += at + step.actions().size();
      }
      if (shown) {
        lines.add(String.format("    %-13s %s %s", step.outcome(), step.step(), step.name()));
        step.actions().forEach(a -> lines.add("        " + a));
      } else if (at >= 0) {
        step.actions().forEach(a -> lines.add("    " + a));
      }
    }
    for (int i = next; i < actions.size(); i++) {
      lines.add("    " + actions.get(i));
    }
    return lines;
  }

  static String line(SensorResult s, Path home) {
    String head = String.format("%-13s %s", s.result(), s.name());
    if (s.outcome().isFailure()) {
      return head + ": " + s.error().orElse("failed");
    }
    if (s.result() == Outcome.ABSENT && !s.actions().isEmpty()) {
      // Nothing was there: what was found (or not) is the whole news, on the name's own line.
      return head + ": " + String.join("; ", s.actions());
    }
    StringBuilder b = new StringBuilder(head);
    s.certificateId()
        .ifPresent(id -> b.append("  certificate ").append(id, 0, Math.min(12, id.length())));
    s.packageFolder().ifPresent(p -> b.append("  package ").append(shown(home, p)));
    return b.toString();
  }

  private static String summary(String command, SensorsResult result) {
    int n = result.sensors().size();
    return Summary.line(
        command,
        Summary.count(n, "sensor"),
        Outcome.class,
        result.sensors().stream().map(SensorResult::result).toList(),
        result.apiCalls(),
        result.dryRun());
  }

  static String shown(Path home, Path path) {
    Path relative = home.relativize(path.toAbsolutePath());
    return relative.toString().isEmpty() ? "." : relative.toString();
  }

  static String json(String command, SensorsResult result) {
    ObjectNode doc = Json.object();
    doc.put("command", command);
    doc.put("dryRun", result.dryRun());
    doc.put("succeeded", result.succeeded());
    // The command's own code, as the process exits with it: 7 when some names failed.
    doc.put("exitCode", exitCode(result));
    ArrayNode sensors = doc.putArray("sensors");
    for (SensorResult s : result.sensors()) {
      ObjectNode node = sensors.addObject();
      node.put("name", s.name());
      node.put("type", s.typeId().orElse(null));
      node.put("outcome", s.result().name());
      node.put("certificateId", s.certificateId().orElse(null));
      node.put("keyFolder", s.keyFolder().map(Path::toString).orElse(null));
      node.put("packageFolder", s.packageFolder().map(Path::toString).orElse(null));
      ArrayNode actions = node.putArray("actions");
      s.actions().forEach(actions::add);
      ArrayNode steps = node.putArray("steps");
      for (StepResult step : s.steps()) {
        ObjectNode stepNode =
            steps
                .addObject()
                .put("step", step.step())
                .put("name", step.name())
                .put("outcome", step.outcome().name());
        step.actions().forEach(stepNode.putArray("actions")::add);
      }
      node.put("error", s.error().orElse(null));
      node.put("exitCode", s.errorKind().map(ErrorKind::exitCode).orElse(0));
    }
    Json.apiCalls(doc, result.apiCalls());
    return Json.text(doc);
  }
}
