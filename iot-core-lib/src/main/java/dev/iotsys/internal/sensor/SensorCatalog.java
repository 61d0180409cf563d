package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.sensor.ActionLog.aws;

import dev.iotsys.api.KeyState;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.SensorType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ThingAttribute;

/** The sensors iotsys manages: things with {@code managedBy=iotsys}, and their local files. */
final class SensorCatalog {
  private final IotClient iot;
  private final SensorTypeRegistry registry;
  private final SensorFolders folders;
  private final ThingResource things;
  private final CertificateResource certificates;

  SensorCatalog(IotClient iot, SensorTypeRegistry registry, SensorFolders folders,
      ThingResource things, CertificateResource certificates) {
    this.iot = iot;
    this.registry = registry;
    this.folders = folders;
    this.things = things;
    this.certificates = certificates;
  }

  /** The names of iotsys's things, of one type or all: one paged listing, nothing described. */
  List<String> names(Optional<String> typeId) {
    return things(typeId).stream().map(ThingAttribute::thingName).sorted().toList();
  }

  List<SensorInfo> list(Optional<String> typeId) {
    List<SensorInfo> sensors = new ArrayList<>();
    for (ThingAttribute t : things(typeId)) {
      String name = t.thingName();
      List<DeviceCertificate> attached = certificates.ofThing(things, name);
      KeyFolder keys = folders.keys(name);
      Optional<SensorType> type = registry.all().stream()
          .filter(x -> x.id().equals(t.thingTypeName())).findFirst();
      Optional<DevicePackageWriter> writer = type.flatMap(SensorType::devicePackageWriter);
      Optional<Path> packageFolder = writer.map(w -> folders.devicePackage(t.thingTypeName(), name));
      boolean packagePresent = writer.isPresent() && writer.get().isComplete(packageFolder.get());
      sensors.add(new SensorInfo(name, t.thingTypeName(),
          attached.stream().map(c -> new SensorInfo.Certificate(c.id(), c.status())).toList(),
          keys.path(), keyState(keys.read(folders), attached), packageFolder, packagePresent));
    }
    sensors.sort(Comparator.comparing(SensorInfo::name));
    return sensors;
  }

  private List<ThingAttribute> things(Optional<String> typeId) {
    return aws("listing the sensors' things", () -> iot.listThingsPaginator(r -> {
      r.attributeName(ThingResource.MANAGED_BY).attributeValue(ThingResource.IOTSYS);
      typeId.ifPresent(r::thingTypeName);
    }).things().stream().toList());
  }

  /** A key that certifies none of the thing's certificates is no key of this sensor's. */
  static KeyState keyState(KeyFolder.Contents contents, List<DeviceCertificate> attached) {
    if (contents.broken() || contents.key().isEmpty()) {
      return contents.state();
    }
    if (!attached.isEmpty() && attached.stream().noneMatch(contents::certifies)) {
      return KeyState.MISMATCHED;
    }
    return contents.state();
  }
}
