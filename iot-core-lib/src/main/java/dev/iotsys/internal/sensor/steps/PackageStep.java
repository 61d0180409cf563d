package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Outcome;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.PackageWrite;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The device package, written by the type's writer, which compares and writes only what differs (a
 * changed Wi-Fi name, a new certificate): so it always runs, and a dry run tells only what it can
 * see from here (no package, or a new key or certificate for it).
 */
public final class PackageStep extends SensorStep<Boolean> {
  private final DevicePackageWriter writer;
  private final Path folder;
  private final boolean planned;
  private final Supplier<DevicePackage> contents;
  private final ActionLog log;

  /**
   * @param planned whether a dry run can tell that the package would be written
   * @param contents the package, made only when it is written (it needs the endpoint)
   */
  public PackageStep(
      DevicePackageWriter writer,
      Path folder,
      String shown,
      boolean planned,
      Supplier<DevicePackage> contents,
      ActionLog log) {
    super("package", shown, Files.exists(folder) ? Outcome.UPDATED : Outcome.CREATED);
    this.writer = writer;
    this.folder = folder;
    this.planned = planned;
    this.contents = contents;
    this.log = log;
  }

  @Override
  public Optional<Boolean> done() {
    return Optional.empty();
  }

  @Override
  public List<String> plan() {
    return planned ? List.of("would write device package " + name()) : List.of();
  }

  @Override
  public Boolean run() {
    boolean existed = Files.exists(folder);
    DevicePackage pkg = contents.get();
    try {
      PackageWrite written = writer.write(pkg);
      if (written.changed()) {
        log.change((existed ? "updated" : "wrote") + " device package " + name());
      }
      // Files edited by hand and kept, and what differs in them.
      written.notes().forEach(log::found);
      return written.changed();
    } catch (FileSystemException e) {
      throw new IotsysException(
          ErrorKind.INTERNAL,
          "Cannot write the device package to " + name() + ": " + e.getMessage(),
          e);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      // The writer's own messages name files and settings, never contents (DevicePackageWriter).
      throw new IotsysException(
          ErrorKind.INTERNAL,
          "Cannot write the device package to " + name() + ": " + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      // Anything else may quote file contents; never pass it on (they may hold the password).
      throw new IotsysException(
          ErrorKind.INTERNAL,
          "Cannot write the device package to "
              + name()
              + " ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  @Override
  public boolean changed(Boolean written) {
    return written;
  }
}
