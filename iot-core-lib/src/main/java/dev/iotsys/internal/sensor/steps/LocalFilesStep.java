package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Outcome;
import dev.iotsys.internal.sensor.local.KeyFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** One local folder of a removed sensor (its key folder, a device package), deleted. */
public final class LocalFilesStep extends SensorStep<Boolean> {
  private final Path path;
  private final String what;
  private final ActionLog log;

  public LocalFilesStep(Path path, String what, String shown, ActionLog log) {
    super("files", shown, Outcome.DELETED);
    this.path = path;
    this.what = what;
    this.log = log;
  }

  @Override
  public Optional<Boolean> done() {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? Optional.empty() : Optional.of(false);
  }

  @Override
  public List<String> plan() {
    return List.of("would delete " + what + " " + name());
  }

  @Override
  public Boolean run() {
    try {
      KeyFolder.deleteTree(path);
    } catch (IOException e) {
      throw new IotsysException(
          ErrorKind.INTERNAL, "Cannot delete " + what + " " + name() + ": " + e.getMessage(), e);
    }
    log.change("deleted " + what + " " + name());
    return true;
  }
}
