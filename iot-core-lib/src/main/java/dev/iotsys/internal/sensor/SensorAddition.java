package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.internal.crypto.DeviceKey;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.iot.ThingResource;
import dev.iotsys.internal.sensor.local.KeyFolder;
import dev.iotsys.internal.sensor.local.SensorFolders;
import dev.iotsys.internal.sensor.steps.ActionLog;
import dev.iotsys.internal.sensor.steps.ActivationStep;
import dev.iotsys.internal.sensor.steps.CertificateFilesStep;
import dev.iotsys.internal.sensor.steps.CertificateRetirement;
import dev.iotsys.internal.sensor.steps.CertificateStep;
import dev.iotsys.internal.sensor.steps.KeyPromotionStep;
import dev.iotsys.internal.sensor.steps.KeyRepairStep;
import dev.iotsys.internal.sensor.steps.KeyStep;
import dev.iotsys.internal.sensor.steps.LeftoverCertificates;
import dev.iotsys.internal.sensor.steps.LocalWrite;
import dev.iotsys.internal.sensor.steps.PackageStep;
import dev.iotsys.internal.sensor.steps.PolicyAttachmentStep;
import dev.iotsys.internal.sensor.steps.PublishEveryStep;
import dev.iotsys.internal.sensor.steps.RetirementStep;
import dev.iotsys.internal.sensor.steps.RetiringRecordStep;
import dev.iotsys.internal.sensor.steps.ThingAttachmentStep;
import dev.iotsys.internal.sensor.steps.ThingRecordStep;
import dev.iotsys.internal.sensor.steps.ThingStep;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.DeviceSetting;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.spi.SensorType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Adds one sensor, converging whatever an earlier run left: local key, thing, certificate, policy
 * and thing attachments, activation, the certificate's record on the thing, local certificate
 * files, device package. It first reads everything and decides (a refusal stops there, having
 * written nothing), then takes the sensor's {@link NameLock} and runs one step for each on the
 * {@link ConvergeEngine}: a step whose work is done is skipped, a dry run only tells each step's
 * plan, so a second run changes nothing and a run killed after any step is finished by the next.
 *
 * <p>Ownership is proven, never guessed: a certificate is this home's when a key in its key folder
 * certifies it. Besides those, iotsys touches only certificates attached to its own thing (a
 * revoked one, or, with {@code --new-certificate}, another home's, which is taken over) and those
 * the key folder's records name. A thing whose certificate no key here certifies belongs to another
 * home: {@code add} refuses, changes nothing and says how to take it over.
 *
 * <p>Order matters for crash safety: a key is on disk before any call that could certify it; a
 * certificate is issued INACTIVE, with a record of the request written first, and activated only
 * once its policy and thing are attached and a fresh listing of the thing shows no other home's
 * certificate (two homes adding one sensor at once: see {@link #exclusive}). A rotation's new key
 * waits beside the old one, and the old certificate is retired only after the new one is active,
 * the old key replaced only after that.
 */
final class SensorAddition {
  static final int MQTT_TLS_PORT = 8883;

  private final AddSensorsRequest request;
  private final SensorType type;
  private final TypeNames typeNames;
  private final SensorFolders folders;
  private final ThingResource things;
  private final CertificateResource certificates;
  private final CertificateRetirement retirement;
  private final LeftoverCertificates leftovers;
  private final Supplier<String> endpoint;
  private final KeyAlgorithm algorithm;
  private final Supplier<DeviceKey> newKeys;
  private final Function<String, NameLock> locks;
  private final Supplier<Instant> clock;
  private final ConvergeEngine engine;

  SensorAddition(
      AddSensorsRequest request,
      SensorType type,
      SensorFolders folders,
      ThingResource things,
      CertificateResource certificates,
      LeftoverCertificates leftovers,
      Supplier<String> endpoint,
      KeyAlgorithm algorithm,
      Supplier<DeviceKey> newKeys,
      Function<String, NameLock> locks,
      ConvergeEngine engine) {
    this.request = request;
    this.type = type;
    this.typeNames = new TypeNames(type.id());
    this.folders = folders;
    this.things = things;
    this.certificates = certificates;
    this.retirement = new CertificateRetirement(certificates, things);
    this.leftovers = leftovers;
    this.endpoint = endpoint;
    this.algorithm = algorithm;
    this.newKeys = newKeys;
    this.locks = locks;
    this.clock = Instant::now;
    this.engine = engine;
  }

  /** The topic a device of this type publishes to: its type's topic filter, for this thing. */
  static String topic(SensorType type, String thingName) {
    String filter = type.topicFilter();
    return filter.endsWith("/+")
        ? filter.substring(0, filter.length() - 1) + thingName
        : type.id() + "/" + thingName;
  }

  /**
   * Everything read and decided before any change.
   *
   * @param local the key folder's and device package's files when the reads began
   * @param contents what the key folder held
   * @param packageFolder where the device package goes, when the type has one
   * @param thing the thing, when it exists
   * @param mode how the key is settled
   * @param chosen the existing certificate to use; empty means issue one
   * @param chosenAttached whether the chosen certificate is attached to the thing
   * @param chosenHasPolicy whether it has the type's device policy
   * @param retireFirst certificates taken over from elsewhere: retired before activation
   * @param retireAfter this home's replaced certificates and revoked ones: retired after it
   * @param allowed the certificate ARNs that may stay attached when the chosen one is activated
   * @param attachedIds the ids of the certificates attached to the thing
   * @param unproven ids of the certificates to retire that no key here certifies: recorded before
   *     the first of them loses its thing
   */
  private record Plan(
      List<String> local,
      KeyFolder.Contents contents,
      Optional<Path> packageFolder,
      Optional<ThingResource.State> thing,
      KeyStep.Mode mode,
      Optional<DeviceCertificate> chosen,
      boolean chosenAttached,
      boolean chosenHasPolicy,
      List<DeviceCertificate> retireFirst,
      List<DeviceCertificate> retireAfter,
      Set<String> allowed,
      Set<String> attachedIds,
      List<String> unproven) {}

  @SuppressWarnings("try") // the lock is held by the block, never named in it
  SensorResult add(String name, ActionLog log) {
    Plan plan = plan(name, log);
    if (request.dryRun()) {
      return converge(name, plan, log);
    }
    try (NameLock lock = locks.apply(name)) {
      // Another run on this name in this home may have acted between the reads and the lock;
      // every such run writes the key folder or the package, so unchanged files mean a valid plan.
      if (!plan.local().equals(local(name, plan.packageFolder()))) {
        log.restart();
        plan = plan(name, log);
      }
      return converge(name, plan, log);
    }
  }

  private List<String> local(String name, Optional<Path> packageFolder) {
    List<String> files = new ArrayList<>(KeyFolder.snapshot(folders.keys(name).path()));
    packageFolder.ifPresent(p -> files.addAll(KeyFolder.snapshot(p)));
    return files;
  }

  private Plan plan(String name, ActionLog log) {
    KeyFolder keys = folders.keys(name);
    Optional<Path> packageFolder =
        type.devicePackageWriter().map(w -> folders.devicePackage(type.id(), name));
    folders.requireNoLink(keys.path());
    packageFolder.ifPresent(folders::requireNoLink);
    List<String> local = local(name, packageFolder);
    KeyFolder.Contents contents = keys.read(folders);
    if (contents.broken()) {
      throw new IotsysException(ErrorKind.PRECONDITION, contents.problem().orElseThrow());
    }

    Optional<ThingResource.State> thing = aws("reading thing " + name, () -> things.describe(name));
    thing.ifPresent(this::requireOurs);
    List<DeviceCertificate> attached =
        thing.isPresent() ? certificates.ofThing(things, name) : List.of();
    Set<String> attachedIds = new HashSet<>();
    attached.forEach(c -> attachedIds.add(c.id()));

    // What the records name and the thing no longer holds (a run killed halfway).
    Map<String, DeviceCertificate> recorded = new LinkedHashMap<>();
    for (String id : contents.recordedIds()) {
      if (!attachedIds.contains(id)) {
        aws("reading certificate " + id, () -> certificates.describe(id))
            .ifPresent(c -> recorded.put(c.id(), c));
      }
    }
    Optional<KeyFolder.Request> lostRequest =
        contents.request().filter(r -> r.issuedId().isEmpty() && r.requestedAt().isPresent());
    if (lostRequest.isPresent()) {
      Instant at = lostRequest.get().requestedAt().orElseThrow();
      for (DeviceCertificate c :
          aws(
              "looking for the certificate requested at " + at,
              () -> leftovers.requestedSince(at, contents::certifies))) {
        if (!attachedIds.contains(c.id())) {
          recorded.putIfAbsent(c.id(), c);
        }
      }
    }
    List<DeviceCertificate> known = new ArrayList<>(attached);
    known.addAll(recorded.values());

    Optional<DeviceCertificate> recordedNotOurs =
        contents
            .recordedId()
            .flatMap(id -> known.stream().filter(c -> c.id().equals(id)).findFirst())
            .filter(c -> c.usable() && !contents.certifies(c));
    List<DeviceCertificate> foreign =
        attached.stream().filter(c -> c.usable() && !contents.certifies(c)).toList();
    boolean rotate = request.newCertificate();
    if (recordedNotOurs.isPresent() && (contents.key().isPresent() || !rotate)) {
      throw contents.key().isEmpty()
          ? keyMissing(name, keys, recordedNotOurs.get())
          : mismatched(name, keys, recordedNotOurs.get());
    }
    if (!foreign.isEmpty() && !rotate) {
      throw elsewhere(name, keys, foreign.get(0));
    }

    KeyStep.Mode mode =
        contents.key().isEmpty()
            ? KeyStep.Mode.FRESH
            : contents.next().isPresent() || rotate ? KeyStep.Mode.ROTATE : KeyStep.Mode.KEEP;
    Predicate<DeviceCertificate> signedBy =
        switch (mode) {
          case FRESH -> c -> false;
          case KEEP -> c -> contents.key().orElseThrow().matches(c.x509());
          case ROTATE -> c -> contents.next().map(k -> k.matches(c.x509())).orElse(false);
        };
    Optional<DeviceCertificate> chosen =
        known.stream()
            .filter(c -> c.usable() && signedBy.test(c))
            .min(
                Comparator.comparing((DeviceCertificate c) -> !attachedIds.contains(c.id()))
                    .thenComparing(c -> !DeviceCertificate.ACTIVE.equals(c.status())));
    if (chosen.isPresent() && !attachedIds.contains(chosen.get().id())) {
      log.found(
          "adopted certificate "
              + chosen.get().shortId()
              + " left by an interrupted run (it certifies the local key)");
    }
    if (mode == KeyStep.Mode.ROTATE && request.newCertificate()) {
      attached.stream()
          .filter(
              c ->
                  DeviceCertificate.ACTIVE.equals(c.status())
                      && chosen.map(x -> !x.id().equals(c.id())).orElse(true))
          .findFirst()
          .ifPresent(
              c ->
                  log.found(
                      "certificate "
                          + c.shortId()
                          + " is replaced, with its key (--new-certificate)"));
    }

    List<DeviceCertificate> retireFirst = new ArrayList<>();
    List<DeviceCertificate> retireAfter = new ArrayList<>();
    Set<String> retiring = new HashSet<>(contents.retiring());
    for (DeviceCertificate c : known) {
      if (chosen.isPresent() && chosen.get().id().equals(c.id())) {
        continue;
      }
      boolean ours = c.usable() && contents.certifies(c);
      if (ours) {
        retireAfter.add(c);
      } else if (!c.usable() && attachedIds.contains(c.id())) {
        retireAfter.add(c);
      } else if (retiring.contains(c.id()) || rotate) {
        retireFirst.add(c);
      }
    }
    Set<String> allowed = new HashSet<>();
    for (DeviceCertificate c : attached) {
      if (!retireFirst.contains(c)) {
        allowed.add(c.arn());
      }
    }
    boolean chosenAttached = chosen.isPresent() && attachedIds.contains(chosen.get().id());
    String policy = typeNames.devicePolicy();
    boolean hasPolicy =
        chosen.isPresent()
            && aws(
                    "listing the policies of certificate " + chosen.get().shortId(),
                    () -> certificates.attachedPolicies(chosen.get().arn()))
                .contains(policy);
    List<String> unproven = new ArrayList<>();
    retireFirst.forEach(c -> unproven.add(c.id()));
    retireAfter.stream().filter(c -> !contents.certifies(c)).forEach(c -> unproven.add(c.id()));
    return new Plan(
        local,
        contents,
        packageFolder,
        thing,
        mode,
        chosen,
        chosenAttached,
        hasPolicy,
        retireFirst,
        retireAfter,
        allowed,
        attachedIds,
        List.copyOf(unproven));
  }

  /**
   * The steps, in the order crash safety needs, on the engine: it skips what is done, tells only
   * the plan in a dry run, and keeps each step's result.
   */
  private SensorResult converge(String name, Plan plan, ActionLog log) {
    boolean dryRun = request.dryRun();
    KeyFolder keys = folders.keys(name);
    String shown = folders.show(keys.path());
    KeyFolder.Contents contents = plan.contents();
    engine.run(new KeyRepairStep(keys, contents, shown, log), dryRun, log);
    Optional<KeyStep.Keys> made =
        engine.run(
            new KeyStep(keys, contents, plan.mode(), shown, algorithm, newKeys, log), dryRun, log);
    Optional<ThingResource.State> thing =
        engine.run(
            new ThingStep(
                name, plan.thing(), typeNames.thingType(), things, this::requireOurs, log),
            dryRun,
            log);
    engine.run(new RetiringRecordStep(keys, plan.unproven(), shown), dryRun, log);
    for (DeviceCertificate c : plan.retireFirst()) {
      engine.run(new RetirementStep(c, thingsOf(c, name, plan), retirement, log), dryRun, log);
    }
    boolean rotate = plan.mode() == KeyStep.Mode.ROTATE;
    Optional<DeviceCertificate> chosen =
        engine.run(
            new CertificateStep(
                name,
                plan.chosen(),
                keys,
                shown,
                made.map(k -> k.signer(rotate)),
                certificates,
                leftovers,
                clock,
                log),
            dryRun,
            log);
    engine.run(
        new PolicyAttachmentStep(
            typeNames.devicePolicy(),
            chosen,
            plan.chosen().isPresent() && plan.chosenHasPolicy(),
            certificates,
            log),
        dryRun,
        log);
    engine.run(
        new ThingAttachmentStep(
            name, chosen, plan.chosen().isPresent() && plan.chosenAttached(), things, log),
        dryRun,
        log);
    engine.run(
        new ActivationStep(
            name,
            chosen,
            plan.chosen().isEmpty(),
            () -> {
              Set<String> allowed = new HashSet<>(plan.allowed());
              DeviceCertificate c = chosen.orElseThrow();
              allowed.add(c.arn());
              KeyStep.Keys k = made.orElseThrow();
              exclusive(name, c, allowed, k::certify, log, keys, k.madeKey(), k.madeNext());
            },
            certificates,
            log),
        dryRun,
        log);
    engine.run(
        new ThingRecordStep(
            name, chosen, thing.flatMap(ThingResource.State::recordedCertificate), things, log),
        dryRun,
        log);
    if (SensorInput.deviceSettings(type, request.deviceSettings()).get(DeviceSetting.PUBLISH_EVERY)
        instanceof Integer publishEvery) {
      engine.run(
          new PublishEveryStep(
              name,
              publishEvery,
              thing.or(plan::thing).map(ThingResource.State::publishEvery).orElse(1),
              things,
              log),
          dryRun,
          log);
    }
    for (DeviceCertificate c : plan.retireAfter()) {
      engine.run(new RetirementStep(c, thingsOf(c, name, plan), retirement, log), dryRun, log);
    }
    engine.run(new KeyPromotionStep(keys, shown, rotate, made, log), dryRun, log);
    engine.run(new CertificateFilesStep(keys, shown, chosen, log), dryRun, log);
    if (plan.packageFolder().isPresent()) {
      Path folder = plan.packageFolder().get();
      DevicePackageWriter writer = type.devicePackageWriter().orElseThrow();
      boolean planned = rotate || plan.chosen().isEmpty() || !writer.isComplete(folder);
      engine.run(
          new PackageStep(
              writer,
              folder,
              folders.show(folder),
              planned,
              () ->
                  new DevicePackage(
                      name,
                      endpoint.get(),
                      MQTT_TLS_PORT,
                      topic(type, name),
                      request.wifiSsid(),
                      request.wifiPassword(),
                      List.of(chosen.orElseThrow().x509()),
                      made.orElseThrow().signer(rotate).privateKey(),
                      folder,
                      SensorInput.packageSettings(
                          SensorInput.deviceSettings(type, request.deviceSettings())),
                      request.overwritePackage()),
              log),
          dryRun,
          log);
    }
    SensorOutcome outcome =
        plan.thing().isEmpty()
            ? (dryRun ? SensorOutcome.WOULD_CREATE : SensorOutcome.CREATED)
            : log.changed()
                ? (dryRun ? SensorOutcome.WOULD_UPDATE : SensorOutcome.UPDATED)
                : SensorOutcome.UNCHANGED;
    return new SensorResult(
        name,
        Optional.of(type.id()),
        outcome,
        chosen.map(DeviceCertificate::id),
        Optional.of(keys.path()),
        plan.packageFolder(),
        log.actions(),
        Optional.empty(),
        Optional.empty(),
        log.steps());
  }

  /** The things a certificate to retire is on, as far as the plan knows: this one, or none. */
  private static List<String> thingsOf(DeviceCertificate c, String name, Plan plan) {
    return plan.attachedIds().contains(c.id()) ? List.of(name) : List.of();
  }

  /**
   * The chosen certificate may be activated only after a listing of the thing, taken after it was
   * attached, shows no other home's usable certificate. Two homes that both attached theirs and
   * listed see each other: the one whose certificate id sorts first waits for the other to
   * withdraw, the other withdraws. One that listed before the other attached activates, and the
   * other then sees it (it attached before listing) and withdraws. So at most one certificate
   * becomes active, on AWS, where the listing is consistent, whatever the timing. This home's
   * certificate is withdrawn when it loses; another home's is never touched.
   */
  private void exclusive(
      String name,
      DeviceCertificate chosen,
      Set<String> allowed,
      Predicate<DeviceCertificate> ours,
      ActionLog log,
      KeyFolder keys,
      boolean madeKey,
      boolean madeNext) {
    Map<String, DeviceCertificate> seen = new LinkedHashMap<>();
    for (int look = 0; look <= things.pollAttempts(); look++) {
      if (look > 0) {
        ThingResource.sleep(things.pollInterval());
      }
      List<DeviceCertificate> rivals = new ArrayList<>();
      for (String arn :
          aws("listing the certificates of thing " + name, () -> things.certificates(name))) {
        if (allowed.contains(arn)) {
          continue;
        }
        String rivalId = CertificateResource.idOf(arn);
        Optional<DeviceCertificate> rival =
            aws("reading certificate " + rivalId, () -> certificates.describe(rivalId));
        rival.filter(c -> c.usable() && !ours.test(c)).ifPresent(rivals::add);
      }
      if (rivals.isEmpty()) {
        return;
      }
      rivals.forEach(c -> seen.put(c.id(), c));
      Optional<DeviceCertificate> active =
          rivals.stream().filter(c -> DeviceCertificate.ACTIVE.equals(c.status())).findFirst();
      boolean first = rivals.stream().allMatch(c -> chosen.id().compareTo(c.id()) < 0);
      if (active.isPresent() || !first) {
        withdraw(name, chosen, active.orElse(rivals.get(0)), log, keys, madeKey, madeNext);
      }
    }
    withdraw(name, chosen, seen.values().iterator().next(), log, keys, madeKey, madeNext);
  }

  private void withdraw(
      String name,
      DeviceCertificate chosen,
      DeviceCertificate rival,
      ActionLog log,
      KeyFolder keys,
      boolean madeKey,
      boolean madeNext) {
    log.found(
        "certificate "
            + rival.shortId()
            + " ("
            + rival.status()
            + ") of another home is on thing "
            + name
            + ": this home withdraws its own");
    retirement.retire(chosen, List.of(name), log);
    if (DeviceCertificate.ACTIVE.equals(rival.status())) {
      // The winner recorded its certificate on the thing after activating it; a create of this
      // run's may have come after that and, on moto (never on AWS, which refuses it), replaced the
      // thing's attributes. The record names the winner again; its certificate is not touched.
      aws(
          "recording certificate " + rival.shortId() + " on thing " + name,
          () -> things.record(name, rival.id()));
    }
    try {
      if (madeKey || madeNext) {
        keys.discard(madeKey);
      } else {
        keys.clearRecords();
      }
    } catch (IOException e) {
      throw LocalWrite.failed(
          "Cannot take back the key written to " + folders.show(keys.path()), e);
    }
    throw new IotsysException(
        ErrorKind.PRECONDITION,
        "Sensor "
            + name
            + " was provisioned from"
            + " another home meanwhile (certificate "
            + rival.shortId()
            + ", "
            + rival.status()
            + "); this home withdrew its certificate "
            + chosen.shortId()
            + " and its key. Run this"
            + " in the home that holds the sensor's key, or take it over here with 'iotsys sensor add "
            + type.id()
            + " "
            + name
            + " --new-certificate'");
  }

  private void requireOurs(ThingResource.State thing) {
    if (!thing.managed()) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "A thing named "
              + thing.name()
              + " exists but iotsys did not create it (no attribute managedBy=iotsys); choose"
              + " another name");
    }
    if (!typeNames.thingType().equals(thing.typeName())) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "Sensor "
              + thing.name()
              + " exists with type "
              + thing.typeName()
              + ", not "
              + type.id()
              + "; remove it first or choose another name");
    }
  }

  private IotsysException keyMissing(String name, KeyFolder keys, DeviceCertificate c) {
    return new IotsysException(
        ErrorKind.PRECONDITION,
        "Sensor "
            + name
            + " has certificate "
            + c.shortId()
            + " ("
            + c.status()
            + ") but its private key is not in "
            + folders.whereLooked(keys.path())
            + "; nothing was changed. "
            + SensorFolders.pointElsewhere()
            + " Only if the key is lost: "
            + newCertificate(name));
  }

  /**
   * The way out when the key is truly lost, said last and with its cost: a board flashed with the
   * old package stops connecting.
   */
  private String newCertificate(String name) {
    return "'iotsys sensor add "
        + type.id()
        + " "
        + name
        + " --new-certificate' makes a new key and certificate here and retires the old"
        + " certificate, so a board flashed with the old package stops connecting until it is"
        + " flashed again";
  }

  private IotsysException mismatched(String name, KeyFolder keys, DeviceCertificate c) {
    return new IotsysException(
        ErrorKind.PRECONDITION,
        "The private key in "
            + folders.show(keys.path())
            + " does not certify certificate "
            + c.shortId()
            + " ("
            + c.status()
            + "), which "
            + KeyFolder.CERTIFICATE_ID
            + " records for sensor "
            + name
            + "; nothing was changed. Put back the key that belongs to it; only as the last resort,"
            + " move the folder away, and then "
            + newCertificate(name));
  }

  private IotsysException elsewhere(String name, KeyFolder keys, DeviceCertificate c) {
    return new IotsysException(
        ErrorKind.PRECONDITION,
        "Sensor "
            + name
            + " is provisioned"
            + " from another home: its certificate "
            + c.shortId()
            + " ("
            + c.status()
            + ") certifies"
            + " no key in "
            + folders.whereLooked(keys.path())
            + "; nothing was changed. "
            + SensorFolders.pointElsewhere()
            + " To take the sensor over here instead, as the last resort: "
            + newCertificate(name));
  }
}
