package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Outcome;
import dev.iotsys.internal.engine.Step;
import dev.iotsys.internal.sensor.local.KeyFolder;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Rewrites a missing or damaged copy of the key from the intact one (see {@link KeyFolder}). */
public final class KeyRepairStep implements Step<List<String>> {
  private final KeyFolder keys;
  private final KeyFolder.Contents contents;
  private final String shown;
  private final ActionLog log;

  public KeyRepairStep(KeyFolder keys, KeyFolder.Contents contents, String shown, ActionLog log) {
    this.keys = keys;
    this.contents = contents;
    this.shown = shown;
    this.log = log;
  }

  @Override
  public String kind() {
    return "key-repair";
  }

  @Override
  public String name() {
    return shown;
  }

  @Override
  public Optional<List<String>> done() {
    return contents.repairs().isEmpty() ? Optional.of(List.of()) : Optional.empty();
  }

  @Override
  public List<String> plan() {
    return contents.repairs().stream()
        .filter(f -> !f.equals(KeyFolder.NEXT_KEY))
        .map(f -> "would rewrite " + shown + "/" + f + " from the intact copy of the key")
        .toList();
  }

  @Override
  public List<String> run() {
    try {
      List<String> done = keys.repair(contents);
      done.forEach(
          f -> log.change("rewrote " + shown + "/" + f + " from the intact copy of the key"));
      return done;
    } catch (IOException e) {
      throw new IotsysException(
          ErrorKind.INTERNAL,
          "Cannot repair the private key in " + shown + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public Outcome change() {
    return Outcome.UPDATED;
  }

  @Override
  public boolean changed(List<String> rewritten) {
    return !rewritten.isEmpty();
  }
}
