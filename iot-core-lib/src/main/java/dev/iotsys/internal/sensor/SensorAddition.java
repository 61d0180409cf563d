package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.sensor.ActionLog.aws;

import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.SensorType;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iot.model.CertificateStatus;

/**
 * Adds one sensor, converging whatever an earlier run left: local key, thing, certificate, policy
 * and thing attachments, activation, local certificate files, device package. Each step reads
 * first and acts only when something is missing, so a second run changes nothing, and a run
 * killed after any step is finished by the next one.
 *
 * <p>Order matters for crash safety: the key is on disk before any call that changes the account;
 * a certificate is issued INACTIVE and activated only once its policy and thing are attached; a
 * certificate that lost its thing is recognised by its subject ({@code CN=<thing name>}) and
 * adopted when it certifies the local key, deleted otherwise. Old certificates are retired only
 * after the new one is active. A thing whose certificate's key is not here is refused unless the
 * caller asks for a new certificate.
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
  private final Supplier<DeviceKey> newKeys;

  SensorAddition(AddSensorsRequest request, SensorType type, SensorFolders folders,
      ThingResource things, CertificateResource certificates, LeftoverCertificates leftovers,
      Supplier<String> endpoint, Supplier<DeviceKey> newKeys) {
    this.request = request;
    this.type = type;
    this.typeNames = new TypeNames(type.id());
    this.folders = folders;
    this.things = things;
    this.certificates = certificates;
    this.retirement = new CertificateRetirement(certificates, things);
    this.leftovers = leftovers;
    this.endpoint = endpoint;
    this.newKeys = newKeys;
  }

  /** The topic a device of this type publishes to: its type's topic filter, for this thing. */
  static String topic(SensorType type, String thingName) {
    String filter = type.topicFilter();
    return filter.endsWith("/+")
        ? filter.substring(0, filter.length() - 1) + thingName
        : type.id() + "/" + thingName;
  }

  SensorResult add(String name, ActionLog log) {
    boolean dryRun = request.dryRun();
    KeyFolder keys = folders.keys(name);
    Optional<Path> packageFolder = type.devicePackageWriter()
        .map(w -> folders.devicePackage(type.id(), name));

    Optional<DeviceKey> key = keys.readKey();

    // The reads need no key: a new one is still being made meanwhile (KeyGeneration).
    Optional<ThingResource.State> thing = aws("reading thing " + name, () -> things.describe(name));
    if (thing.isPresent()) {
      requireOurs(thing.get());
    }
    List<DeviceCertificate> attached =
        thing.isPresent() ? certificates.ofThing(things, name) : List.of();
    List<DeviceCertificate> found = aws("looking for certificates left by an interrupted run",
        () -> leftovers.of(name));

    // The key is on disk before the first call that changes the account.
    if (key.isEmpty()) {
      key = newKey(keys, dryRun, log);
    }
    boolean creating = thing.isEmpty();
    if (creating && dryRun) {
      log.change("would create thing " + name + " of type " + typeNames.thingType());
    } else if (creating) {
      aws("creating thing " + name, () -> things.create(name, typeNames.thingType()));
      log.change("created thing " + name + " of type " + typeNames.thingType());
    }

    Optional<DeviceCertificate> current = matching(attached, key);
    if (current.isPresent() && request.newCertificate()) {
      // The key stays: a new key would overwrite the only copy of the old certificate's key
      // before that certificate is retired, and a run killed in between would strand the thing.
      log.found("certificate " + current.get().shortId() + " is replaced (--new-certificate)");
      current = Optional.empty();
    }
    Optional<DeviceCertificate> adopted =
        current.isPresent() ? Optional.empty() : matching(found, key);
    List<DeviceCertificate> usable = attached.stream().filter(DeviceCertificate::usable).toList();
    if (current.isEmpty() && adopted.isEmpty() && !usable.isEmpty() && !request.newCertificate()) {
      throw keyMissing(name, keys, usable);
    }
    adopted.ifPresent(c -> log.found("adopted certificate " + c.shortId()
        + " left by an interrupted run (it certifies the local key)"));
    for (DeviceCertificate c : found) {
      if (adopted.isEmpty() || !adopted.get().id().equals(c.id())) {
        log.found("certificate " + c.shortId() + " was left by an interrupted run");
        retirement.retire(c, dryRun, log);
      }
    }

    DeviceCertificate chosen;
    if (current.isPresent()) {
      chosen = current.get();
    } else if (adopted.isPresent()) {
      chosen = adopted.get();
    } else if (dryRun) {
      log.change("would issue a certificate from a CSR for the key in " + folders.show(keys.path()));
      return plan(name, creating, log, keys, packageFolder, Optional.empty(), attached);
    } else {
      String csr = key.orElseThrow().csrPem(name);
      chosen = aws("issuing a certificate for " + name, () -> certificates.createInactive(csr));
      log.change("issued certificate " + chosen.shortId() + " from a CSR (the private key stays in "
          + folders.show(keys.path()) + ")");
    }

    String policy = typeNames.devicePolicy();
    String id = chosen.shortId();
    boolean inThing = attached.stream().anyMatch(c -> c.id().equals(chosen.id()));
    // A certificate issued a moment ago has no policy yet: no need to ask.
    boolean issuedNow = current.isEmpty() && adopted.isEmpty();
    boolean hasPolicy = !issuedNow && aws("listing the policies of certificate " + id,
        () -> certificates.attachedPolicies(chosen.arn())).contains(policy);
    boolean active = DeviceCertificate.ACTIVE.equals(chosen.status());
    if (dryRun) {
      if (!hasPolicy) {
        log.change("would attach policy " + policy + " to certificate " + id);
      }
      if (!inThing) {
        log.change("would attach certificate " + id + " to thing " + name);
      }
      if (!active) {
        log.change("would activate certificate " + id);
      }
      return plan(name, creating, log, keys, packageFolder, Optional.of(chosen), attached);
    }
    if (!hasPolicy) {
      aws("attaching policy " + policy, () -> certificates.attachPolicy(policy, chosen.arn()));
      log.change("attached policy " + policy + " to certificate " + id);
    }
    if (!inThing) {
      aws("attaching certificate " + id + " to thing " + name,
          () -> things.attach(name, chosen.arn()));
      log.change("attached certificate " + id + " to thing " + name);
    }
    if (!active) {
      aws("activating certificate " + id,
          () -> certificates.setStatus(chosen.id(), CertificateStatus.ACTIVE));
      log.change("activated certificate " + id);
    }
    for (DeviceCertificate old : attached) {
      if (!old.id().equals(chosen.id())) {
        retirement.retire(old, false, log);
      }
    }

    try {
      if (keys.writeCertificate(chosen)) {
        log.change("wrote certificate " + id + " to " + folders.show(keys.path()));
      }
    } catch (IOException e) {
      throw new IotsysException(ErrorKind.INTERNAL,
          "Cannot write the certificate to " + keys.path() + ": " + e.getMessage(), e);
    }
    if (packageFolder.isPresent()) {
      writePackage(name, key.orElseThrow(), chosen, packageFolder.get(), log);
    }
    SensorOutcome outcome = creating ? SensorOutcome.CREATED
        : log.changed() ? SensorOutcome.UPDATED : SensorOutcome.UNCHANGED;
    return new SensorResult(name, Optional.of(type.id()), outcome, Optional.of(chosen.id()),
        Optional.of(keys.path()), packageFolder, log.actions(), Optional.empty(), Optional.empty());
  }

  private Optional<DeviceKey> newKey(KeyFolder keys, boolean dryRun, ActionLog log) {
    if (dryRun) {
      log.change("would generate an RSA " + DeviceKey.BITS + " key in " + folders.show(keys.path()));
      return Optional.empty();
    }
    DeviceKey generated = newKeys.get();
    try {
      keys.writeKey(generated);
    } catch (IOException e) {
      throw new IotsysException(ErrorKind.INTERNAL,
          "Cannot write the private key to " + keys.path() + ": " + e.getMessage(), e);
    }
    log.change("generated an RSA " + DeviceKey.BITS + " key in " + folders.show(keys.path()));
    return Optional.of(generated);
  }

  private void requireOurs(ThingResource.State thing) {
    if (!thing.managed()) {
      throw new IotsysException(ErrorKind.PRECONDITION, "A thing named " + thing.name()
          + " exists but iotsys did not create it (no attribute managedBy=iotsys); choose"
          + " another name");
    }
    if (!typeNames.thingType().equals(thing.typeName())) {
      throw new IotsysException(ErrorKind.PRECONDITION, "Sensor " + thing.name()
          + " exists with type " + thing.typeName() + ", not " + type.id()
          + "; remove it first or choose another name");
    }
  }

  private static Optional<DeviceCertificate> matching(
      List<DeviceCertificate> candidates, Optional<DeviceKey> key) {
    return key.flatMap(k -> candidates.stream()
        .filter(c -> c.usable() && k.matches(c.x509()))
        .findFirst());
  }

  private IotsysException keyMissing(String name, KeyFolder keys, List<DeviceCertificate> usable) {
    DeviceCertificate c = usable.get(0);
    return new IotsysException(ErrorKind.PRECONDITION, "Sensor " + name + " has certificate "
        + c.shortId() + " (" + c.status() + ") but its private key is not in "
        + keys.path() + "; run 'iotsys sensor add " + type.id() + " " + name
        + " --new-certificate' to issue a new certificate and retire the old one");
  }

  private void writePackage(
      String name, DeviceKey key, DeviceCertificate certificate, Path folder, ActionLog log) {
    DevicePackageWriter writer = type.devicePackageWriter().orElseThrow();
    boolean existed = Files.exists(folder);
    DevicePackage pkg = new DevicePackage(name, endpoint.get(), MQTT_TLS_PORT, topic(type, name),
        request.wifiSsid(), request.wifiPassword(), certificate.der(), key.pkcs1Der(), folder);
    try {
      if (writer.write(pkg)) {
        log.change((existed ? "updated" : "wrote") + " device package " + folders.show(folder));
      }
    } catch (FileSystemException e) {
      throw new IotsysException(ErrorKind.INTERNAL, "Cannot write the device package to "
          + folder + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      // Other messages may quote file contents; never pass them on (they may hold the password).
      throw new IotsysException(ErrorKind.INTERNAL, "Cannot write the device package to "
          + folder + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  private SensorResult plan(String name, boolean creating, ActionLog log, KeyFolder keys,
      Optional<Path> packageFolder, Optional<DeviceCertificate> chosen,
      List<DeviceCertificate> attached) {
    for (DeviceCertificate old : attached) {
      if (chosen.isEmpty() || !old.id().equals(chosen.get().id())) {
        retirement.retire(old, true, log);
      }
    }
    if (packageFolder.isPresent()
        && !type.devicePackageWriter().orElseThrow().isComplete(packageFolder.get())) {
      log.change("would write device package " + folders.show(packageFolder.get()));
    }
    SensorOutcome outcome = creating ? SensorOutcome.WOULD_CREATE
        : log.changed() ? SensorOutcome.WOULD_UPDATE : SensorOutcome.UNCHANGED;
    return new SensorResult(name, Optional.of(type.id()), outcome, chosen.map(DeviceCertificate::id),
        Optional.of(keys.path()), packageFolder, log.actions(), Optional.empty(), Optional.empty());
  }
}
