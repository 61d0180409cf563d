package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.sensor.ActionLog.aws;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.RemoveSensorsRequest;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.spi.SensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Removes one sensor, whatever state an earlier (perhaps killed) run left it in: every
 * certificate of the thing and every leftover certificate of its name is retired, then the thing
 * and the local files are deleted. What is already gone is reported, not treated as a failure.
 */
final class SensorRemoval {
  private final RemoveSensorsRequest request;
  private final SensorTypeRegistry registry;
  private final SensorFolders folders;
  private final ThingResource things;
  private final CertificateResource certificates;
  private final CertificateRetirement retirement;
  private final LeftoverCertificates leftovers;

  SensorRemoval(RemoveSensorsRequest request, SensorTypeRegistry registry, SensorFolders folders,
      ThingResource things, CertificateResource certificates, LeftoverCertificates leftovers) {
    this.request = request;
    this.registry = registry;
    this.folders = folders;
    this.things = things;
    this.certificates = certificates;
    this.retirement = new CertificateRetirement(certificates, things);
    this.leftovers = leftovers;
  }

  SensorResult remove(String name, ActionLog log) {
    boolean dryRun = request.dryRun();
    Optional<ThingResource.State> thing = aws("reading thing " + name, () -> things.describe(name));
    Optional<String> typeId = request.typeId();
    if (thing.isPresent()) {
      ThingResource.State t = thing.get();
      if (!t.managed()) {
        throw new IotsysException(ErrorKind.PRECONDITION, "Thing " + name
            + " was not created by iotsys (no attribute managedBy=iotsys); it is left alone");
      }
      if (typeId.isPresent() && !typeId.get().equals(t.typeName())) {
        throw new IotsysException(ErrorKind.PRECONDITION, "Sensor " + name + " has type "
            + t.typeName() + ", not " + typeId.get() + "; nothing was removed");
      }
      typeId = Optional.ofNullable(t.typeName());
    }

    List<DeviceCertificate> attached =
        thing.isPresent() ? certificates.ofThing(things, name) : List.of();
    if (thing.isPresent()) {
      log.found("found thing " + name + " of type " + thing.get().typeName() + " with "
          + count(attached.size(), "certificate"));
    } else {
      log.found("found no thing " + name);
    }
    List<DeviceCertificate> left = aws("looking for certificates left by an interrupted run",
        () -> leftovers.of(name));
    if (!left.isEmpty()) {
      log.found("found " + count(left.size(), "certificate") + " of " + name
          + " left by an interrupted run");
    }
    for (DeviceCertificate c : attached) {
      retirement.retire(c, dryRun, log);
    }
    for (DeviceCertificate c : left) {
      retirement.retire(c, dryRun, log);
    }
    // The local files go before the thing: the thing is what later runs (and uninstall) find a
    // sensor by, so a run killed after deleting it must not leave files only it would name.
    removeLocalFiles(name, typeId, log);
    if (thing.isPresent()) {
      if (dryRun) {
        log.change("would delete thing " + name);
      } else {
        aws("deleting thing " + name, () -> things.delete(name));
        log.change("deleted thing " + name);
      }
    }
    SensorOutcome outcome = !log.changed() ? SensorOutcome.ABSENT
        : dryRun ? SensorOutcome.WOULD_REMOVE : SensorOutcome.REMOVED;
    return new SensorResult(name, typeId, outcome, Optional.empty(),
        Optional.of(folders.keys(name).path()), Optional.empty(), log.actions(),
        Optional.empty(), Optional.empty());
  }

  /** The key folder and the device package of every type this name may have had. */
  private void removeLocalFiles(String name, Optional<String> typeId, ActionLog log) {
    Map<Path, String> local = new LinkedHashMap<>();
    local.put(folders.keys(name).path(), "key folder");
    List<SensorType> types = typeId.isPresent()
        ? registry.all().stream().filter(t -> t.id().equals(typeId.get())).toList()
        : registry.all();
    for (SensorType t : types) {
      if (t.devicePackageWriter().isPresent()) {
        local.put(folders.devicePackage(t.id(), name), "device package");
      }
    }
    for (Map.Entry<Path, String> e : local.entrySet()) {
      Path path = e.getKey();
      if (!Files.exists(path)) {
        continue;
      }
      String shown = e.getValue() + " " + folders.show(path);
      if (request.keepFiles()) {
        log.found("kept " + shown + " (--keep-files)");
      } else if (request.dryRun()) {
        log.change("would delete " + shown);
      } else {
        try {
          KeyFolder.deleteTree(path);
        } catch (IOException ex) {
          throw new IotsysException(ErrorKind.INTERNAL,
              "Cannot delete " + path + ": " + ex.getMessage(), ex);
        }
        log.change("deleted " + shown);
      }
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
