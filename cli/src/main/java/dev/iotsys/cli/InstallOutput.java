package dev.iotsys.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Shows an install: a line per resource as it converges, then a summary; or one JSON document. */
final class InstallOutput implements IotsysListener {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Terminal io;

  InstallOutput(Terminal io) {
    this.io = io;
  }

  @Override
  public void onEvent(IotsysEvent event) {
    if (io.json()) {
      return;
    }
    if (event instanceof IotsysEvent.Checking c && io.interactive()) {
      io.err().printf("[%d/%d] checking %s %s%n", c.index(), c.total(), c.kind(), c.name());
    } else if (event instanceof IotsysEvent.Converged c) {
      io.out().println(line(c.result()));
    } else if (event instanceof IotsysEvent.Note n) {
      io.out().println("note: " + n.message());
    }
  }

  static String line(ResourceResult r) {
    String line = String.format("%-12s %-20s %s", r.outcome(), r.kind(), r.name());
    return r.differences().isEmpty() || r.outcome() == Outcome.WOULD_CREATE
        ? line
        : line + " (" + String.join("; ", r.differences()) + ")";
  }

  void finish(String command, InstallResult result) {
    if (io.json()) {
      io.out().println(json(command, result));
      return;
    }
    Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
    result.resources().forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
    StringBuilder summary = new StringBuilder(command).append(": ")
        .append(result.resources().size()).append(" resources");
    counts.forEach((outcome, n) -> summary.append(", ").append(n).append(' ')
        .append(outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    summary.append(" (AWS calls: ").append(result.apiCalls().read()).append(" read, ")
        .append(result.apiCalls().write()).append(" write)");
    if (result.dryRun()) {
      summary.append("; dry run, nothing was changed");
    }
    io.out().println(summary);
  }

  static String json(String command, InstallResult result) {
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("command", command);
    doc.put("database", result.database());
    doc.put("dryRun", result.dryRun());
    doc.put("changed", result.changed());
    ArrayNode resources = doc.putArray("resources");
    for (ResourceResult r : result.resources()) {
      ObjectNode node = resources.addObject();
      node.put("kind", r.kind());
      node.put("name", r.name());
      node.put("outcome", r.outcome().name());
      ArrayNode diffs = node.putArray("differences");
      r.differences().forEach(diffs::add);
    }
    doc.putObject("apiCalls")
        .put("read", result.apiCalls().read())
        .put("write", result.apiCalls().write());
    return doc.toString();
  }
}
