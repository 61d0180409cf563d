package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.KeyState;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.internal.Parallel;
import dev.iotsys.internal.ReadingHealth;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.iot.ThingResource;
import dev.iotsys.internal.sensor.local.KeyFolder;
import dev.iotsys.internal.sensor.local.SensorFolders;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.SensorType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The sensors iotsys manages: things with {@code managedBy=iotsys}, and their local files.
 *
 * <p>{@link #list} reads a fleet in pages: the things (their attributes included) and the account's
 * certificates, joined by the certificate id that {@code sensor add} recorded on each thing ({@link
 * ThingResource#CERTIFICATE}); no call per sensor. So it shows the recorded certificate, with its
 * status from the listing. Where the record and the thing's real principals disagree (a certificate
 * attached or detached by hand, an add killed between activating and recording), it shows the
 * record: a recorded certificate that no longer exists shows as none, an extra one attached by hand
 * is not shown. {@link #check}, which {@code status} uses, lists each thing's principals and shows
 * the truth. A thing without the record (made by an iotsys before it kept one, or by an add still
 * running) has its principals listed, one call.
 *
 * <p>Whether the key here certifies a sensor's certificate is decided from the key folder's own
 * copy of the certificate when it names the same id; only when it does not (another home's
 * certificate, a folder without one) is the certificate described.
 */
final class SensorCatalog {
  private final SensorTypeRegistry registry;
  private final SensorFolders folders;
  private final ThingResource things;
  private final CertificateResource certificates;

  SensorCatalog(
      SensorTypeRegistry registry,
      SensorFolders folders,
      ThingResource things,
      CertificateResource certificates) {
    this.registry = registry;
    this.folders = folders;
    this.things = things;
    this.certificates = certificates;
  }

  /** The names of iotsys's things, of one type or all: one paged listing, nothing described. */
  List<String> names(Optional<String> typeId) {
    return Fleet.things(things, typeId).names();
  }

  /**
   * The sensors as their things record them: pages only. The key folders are read on a few threads:
   * parsing two copies of each key and a certificate is most of a listing's time.
   */
  List<SensorInfo> list(Optional<String> typeId) {
    Fleet fleet = Fleet.read(things, certificates, typeId);
    return each(
        fleet,
        LOCAL_THREADS,
        t -> {
          Optional<String> recorded = t.recordedCertificate();
          List<DeviceCertificate> shown =
              recorded.isPresent()
                  ? Optional.ofNullable(fleet.certificates().get(recorded.get())).stream().toList()
                  : attached(t.name(), fleet);
          return info(t, shown);
        });
  }

  /** The sensors with their things' real principals: one listing per thing, concurrently. */
  List<SensorInfo> check(Optional<String> typeId) {
    Fleet fleet = Fleet.read(things, certificates, typeId);
    return each(fleet, SensorService.THREADS, t -> info(t, attached(t.name(), fleet)));
  }

  /** Threads for work that is local only: one per core, at least two. */
  private static final int LOCAL_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private List<SensorInfo> each(
      Fleet fleet, int threads, Function<ThingResource.State, SensorInfo> info) {
    List<ThingResource.State> all = List.copyOf(fleet.things().values());
    if (all.isEmpty()) {
      return List.of();
    }
    List<SensorInfo> sensors = new ArrayList<>(Parallel.map("iotsys-sensors", threads, all, info));
    sensors.sort(Comparator.comparing(SensorInfo::name));
    return sensors;
  }

  /** The thing's certificates: its principals, joined with the listing (described if newer). */
  private List<DeviceCertificate> attached(String name, Fleet fleet) {
    List<DeviceCertificate> attached = new ArrayList<>();
    for (String arn :
        aws("listing the certificates of thing " + name, () -> things.certificates(name))) {
      String id = CertificateResource.idOf(arn);
      DeviceCertificate listed = fleet.certificates().get(id);
      if (listed != null) {
        attached.add(listed);
      } else {
        aws("reading certificate " + id, () -> certificates.describe(id)).ifPresent(attached::add);
      }
    }
    return attached;
  }

  private SensorInfo info(ThingResource.State t, List<DeviceCertificate> attached) {
    String name = t.name();
    KeyFolder keys = folders.keys(name);
    Optional<SensorType> type =
        registry.all().stream().filter(x -> x.id().equals(t.typeName())).findFirst();
    Optional<DevicePackageWriter> writer = type.flatMap(SensorType::devicePackageWriter);
    Optional<Path> packageFolder = writer.map(w -> folders.devicePackage(t.typeName(), name));
    boolean packagePresent = writer.isPresent() && writer.get().isComplete(packageFolder.get());
    return new SensorInfo(
        name,
        t.typeName(),
        attached.stream().map(c -> new SensorInfo.Certificate(c.id(), c.status())).toList(),
        keys.path(),
        keyState(keys, keys.read(folders), attached),
        packageFolder,
        packagePresent,
        t.publishEvery(),
        ReadingHealth.expectedInterval(type, t.publishEvery()));
  }

  /** A key that certifies none of the thing's certificates is no key of this sensor's. */
  private KeyState keyState(
      KeyFolder keys, KeyFolder.Contents contents, List<DeviceCertificate> attached) {
    if (contents.broken() || contents.key().isEmpty() || attached.isEmpty()) {
      return contents.state();
    }
    Optional<DeviceCertificate> local = keys.certificate();
    if (local.isPresent() && attached.stream().anyMatch(c -> c.id().equals(local.get().id()))) {
      return contents.certifies(local.get()) ? contents.state() : KeyState.MISMATCHED;
    }
    for (DeviceCertificate c : attached) {
      Optional<DeviceCertificate> described =
          c.described()
              ? Optional.of(c)
              : aws("reading certificate " + c.shortId(), () -> certificates.describe(c.id()));
      if (described.filter(contents::certifies).isPresent()) {
        return contents.state();
      }
    }
    return KeyState.MISMATCHED;
  }
}
