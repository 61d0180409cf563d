package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.RemoveSensorsRequest;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.StepResult;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.iot.ThingResource;
import dev.iotsys.internal.sensor.local.KeyFolder;
import dev.iotsys.internal.sensor.local.SensorFolders;
import dev.iotsys.internal.sensor.steps.ActionLog;
import dev.iotsys.internal.sensor.steps.CertificateRetirement;
import dev.iotsys.internal.sensor.steps.LeftoverCertificates;
import dev.iotsys.internal.sensor.steps.LocalFilesStep;
import dev.iotsys.internal.sensor.steps.RetirementStep;
import dev.iotsys.internal.sensor.steps.RetiringRecordStep;
import dev.iotsys.internal.sensor.steps.ThingDeletionStep;
import dev.iotsys.spi.SensorType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Removes one sensor, whatever state an earlier (perhaps killed) run left it in: every certificate
 * attached to its thing (iotsys's own thing), and every certificate this home's key folder proves
 * its own (by key or by record) is retired, then the local files and the thing are deleted. A
 * certificate that merely carries the sensor's name is left alone. What is already gone is
 * reported, not treated as a failure.
 *
 * <p>Each thing is read once: from the {@link Fleet} listing when many names go at once (then a
 * certificate's status comes from the account's listing too), otherwise described. Reads per name:
 * the thing's principals and each certificate's policies, besides that.
 */
final class SensorRemoval {
  private final RemoveSensorsRequest request;
  private final SensorTypeRegistry registry;
  private final SensorFolders folders;
  private final ThingResource things;
  private final CertificateResource certificates;
  private final CertificateRetirement retirement;
  private final LeftoverCertificates leftovers;
  private final Function<String, NameLock> locks;
  private final ConvergeEngine engine;
  private final Optional<Fleet> fleet;

  /**
   * @param fleet the things and certificates read in pages beforehand, for many names; empty to
   *     read each name's thing and certificates on their own
   */
  SensorRemoval(
      RemoveSensorsRequest request,
      SensorTypeRegistry registry,
      SensorFolders folders,
      ThingResource things,
      CertificateResource certificates,
      LeftoverCertificates leftovers,
      Function<String, NameLock> locks,
      ConvergeEngine engine,
      Optional<Fleet> fleet) {
    this.request = request;
    this.registry = registry;
    this.folders = folders;
    this.things = things;
    this.certificates = certificates;
    this.retirement = new CertificateRetirement(certificates, things);
    this.leftovers = leftovers;
    this.locks = locks;
    this.engine = engine;
    this.fleet = fleet;
  }

  /**
   * What was found of the sensor.
   *
   * @param local the local files when the reads began
   * @param thing the thing, when it exists
   * @param typeId the sensor's type, from the request or the thing
   * @param attached the certificates attached to the thing
   * @param leftover this home's certificates that the thing no longer holds
   * @param unproven ids of attached certificates that nothing in this home names: recorded before
   *     they are detached, so that a run killed after the detach can still find them
   * @param files the local folders to delete, with what they are
   */
  private record Found(
      List<String> local,
      Optional<ThingResource.State> thing,
      Optional<String> typeId,
      List<DeviceCertificate> attached,
      List<DeviceCertificate> leftover,
      List<String> unproven,
      Map<Path, String> files) {

    boolean nothing() {
      return thing.isEmpty() && leftover.isEmpty() && files.isEmpty();
    }
  }

  @SuppressWarnings("try") // the lock is held by the block, never named in it
  SensorResult remove(String name, ActionLog log) {
    Found found = find(name, log);
    if (request.dryRun() || found.nothing()) {
      return act(name, found, log);
    }
    try (NameLock lock = locks.apply(name)) {
      if (!found.local().equals(local(name))) {
        log.restart();
        found = find(name, log);
      }
      return act(name, found, log);
    }
  }

  private List<String> local(String name) {
    List<String> files = new ArrayList<>(KeyFolder.snapshot(folders.keys(name).path()));
    for (SensorType t : registry.all()) {
      files.addAll(KeyFolder.snapshot(folders.devicePackage(t.id(), name)));
    }
    return files;
  }

  private Found find(String name, ActionLog log) {
    KeyFolder keys = folders.keys(name);
    folders.requireNoLink(keys.path());
    registry.all().forEach(t -> folders.requireNoLink(folders.devicePackage(t.id(), name)));
    List<String> local = local(name);
    KeyFolder.Contents contents = keys.read(folders);

    Optional<ThingResource.State> listed = fleet.map(f -> f.things().get(name));
    Optional<ThingResource.State> thing =
        listed.isPresent() ? listed : aws("reading thing " + name, () -> things.describe(name));
    Optional<String> typeId = request.typeId();
    if (thing.isPresent()) {
      ThingResource.State t = thing.get();
      if (!t.managed()) {
        throw new IotsysException(
            ErrorKind.PRECONDITION,
            "Thing "
                + name
                + " was not created by iotsys (no attribute managedBy=iotsys); it is left alone");
      }
      if (typeId.isPresent() && !typeId.get().equals(t.typeName())) {
        throw new IotsysException(
            ErrorKind.PRECONDITION,
            "Sensor "
                + name
                + " has type "
                + t.typeName()
                + ", not "
                + typeId.get()
                + "; nothing was removed");
      }
      typeId = Optional.ofNullable(t.typeName());
    }

    List<DeviceCertificate> attached = thing.isPresent() ? attached(name) : List.of();
    if (thing.isPresent()) {
      log.found(
          "found thing "
              + name
              + " of type "
              + thing.get().typeName()
              + " with "
              + count(attached.size(), "certificate"));
    } else {
      log.found("found no thing " + name);
    }
    Set<String> attachedIds = new HashSet<>();
    attached.forEach(c -> attachedIds.add(c.id()));
    Map<String, DeviceCertificate> leftover = new LinkedHashMap<>();
    for (String id : contents.recordedIds()) {
      if (!attachedIds.contains(id)) {
        aws("reading certificate " + id, () -> certificates.describe(id))
            .ifPresent(c -> leftover.put(c.id(), c));
      }
    }
    Optional<Instant> lostRequest =
        contents
            .request()
            .filter(r -> r.issuedId().isEmpty())
            .flatMap(KeyFolder.Request::requestedAt);
    if (lostRequest.isPresent()) {
      for (DeviceCertificate c :
          aws(
              "looking for the certificate requested at " + lostRequest.get(),
              () -> leftovers.requestedSince(lostRequest.get(), contents::certifies))) {
        if (!attachedIds.contains(c.id())) {
          leftover.putIfAbsent(c.id(), c);
        }
      }
    }
    if (!leftover.isEmpty()) {
      log.found(
          "found "
              + count(leftover.size(), "certificate")
              + " of "
              + name
              + " left by an interrupted run");
    }
    List<String> recorded = contents.recordedIds();
    // A certificate known only from the listing (no PEM) cannot be proven this home's by its key:
    // it is recorded too, which costs a line in a file that goes with the sensor.
    List<String> unproven =
        attached.stream()
            .filter(c -> !recorded.contains(c.id()) && (!c.described() || !contents.certifies(c)))
            .map(DeviceCertificate::id)
            .toList();
    return new Found(
        local,
        thing,
        typeId,
        attached,
        List.copyOf(leftover.values()),
        unproven,
        localFiles(name, typeId));
  }

  /** The certificates attached to the thing: from the fleet's listing, or each described. */
  private List<DeviceCertificate> attached(String name) {
    if (fleet.isEmpty()) {
      return certificates.ofThing(things, name);
    }
    List<DeviceCertificate> attached = new ArrayList<>();
    for (String arn :
        aws("listing the certificates of thing " + name, () -> things.certificates(name))) {
      String id = CertificateResource.idOf(arn);
      DeviceCertificate listed = fleet.get().certificates().get(id);
      if (listed != null) {
        attached.add(listed);
      } else {
        // Made after the listing: described, as without a fleet.
        aws("reading certificate " + id, () -> certificates.describe(id)).ifPresent(attached::add);
      }
    }
    return attached;
  }

  private SensorResult act(String name, Found found, ActionLog log) {
    boolean dryRun = request.dryRun();
    KeyFolder keys = folders.keys(name);
    String shown = folders.show(keys.path());
    engine.run(new RetiringRecordStep(keys, found.unproven(), shown), dryRun, log);
    for (DeviceCertificate c : found.attached()) {
      engine.run(new RetirementStep(c, List.of(name), retirement, log), dryRun, log);
    }
    for (DeviceCertificate c : found.leftover()) {
      engine.run(new RetirementStep(c, List.of(), retirement, log), dryRun, log);
    }
    // The local files go before the thing: the thing is what later runs (and uninstall) find a
    // sensor by, so a run killed after deleting it must not leave files only it would name.
    for (Map.Entry<Path, String> e : localFiles(name, found.typeId()).entrySet()) {
      Path path = e.getKey();
      String what = e.getValue();
      if (request.keepFiles()) {
        keep(name, path, what, log);
      } else {
        engine.run(new LocalFilesStep(path, what, folders.show(path), log), dryRun, log);
      }
    }
    if (found.thing().isPresent()) {
      engine.run(new ThingDeletionStep(name, things, log), dryRun, log);
    }
    SensorOutcome outcome =
        !log.changed()
            ? SensorOutcome.ABSENT
            : dryRun ? SensorOutcome.WOULD_REMOVE : SensorOutcome.REMOVED;
    return new SensorResult(
        name,
        found.typeId(),
        outcome,
        Optional.empty(),
        Optional.of(keys.path()),
        Optional.empty(),
        log.actions(),
        Optional.empty(),
        Optional.empty(),
        log.steps());
  }

  /** {@code --keep-files}: the folder stays; the records in it go, since the sensor is gone. */
  private void keep(String name, Path path, String what, ActionLog log) {
    String shown = what + " " + folders.show(path);
    String kept = "kept " + shown + " (--keep-files)";
    log.found(kept);
    if (what.equals("key folder") && !request.dryRun()) {
      try {
        folders.keys(name).clearRecords();
      } catch (IOException ex) {
        throw new IotsysException(
            ErrorKind.INTERNAL, "Cannot write to " + shown + ": " + ex.getMessage(), ex);
      }
    }
    log.stepped(new StepResult("files", folders.show(path), Outcome.KEPT, List.of(kept)));
  }

  /** The key folder and the device package of every type this name may have had. */
  private Map<Path, String> localFiles(String name, Optional<String> typeId) {
    Map<Path, String> local = new LinkedHashMap<>();
    local.put(folders.keys(name).path(), "key folder");
    List<SensorType> types =
        typeId.isPresent()
            ? registry.all().stream().filter(t -> t.id().equals(typeId.get())).toList()
            : registry.all();
    for (SensorType t : types) {
      if (t.devicePackageWriter().isPresent()) {
        local.put(folders.devicePackage(t.id(), name), "device package");
      }
    }
    local.keySet().removeIf(p -> !Files.exists(p, LinkOption.NOFOLLOW_LINKS));
    return local;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
