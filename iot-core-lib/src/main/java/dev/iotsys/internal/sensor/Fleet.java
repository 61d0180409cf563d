package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.iot.ThingResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * iotsys's things and the account's certificates, each read in pages (250 a page): what a command
 * over many sensors reads once instead of once per sensor. A certificate from the listing has an
 * id, an ARN and a status, not its PEM.
 *
 * @param things iotsys's things by name
 * @param certificates the account's certificates by id
 */
record Fleet(Map<String, ThingResource.State> things, Map<String, DeviceCertificate> certificates) {

  static Fleet read(
      ThingResource thingResource,
      CertificateResource certificateResource,
      Optional<String> typeId) {
    Map<String, ThingResource.State> things = new LinkedHashMap<>();
    for (ThingResource.State t :
        aws("listing the sensors' things", () -> thingResource.managed(typeId))) {
      things.put(t.name(), t);
    }
    return new Fleet(things, aws("listing the certificates", certificateResource::listing));
  }

  /** Only the things: for a command that reads no certificate. */
  static Fleet things(ThingResource thingResource, Optional<String> typeId) {
    Map<String, ThingResource.State> things = new LinkedHashMap<>();
    for (ThingResource.State t :
        aws("listing the sensors' things", () -> thingResource.managed(typeId))) {
      things.put(t.name(), t);
    }
    return new Fleet(things, Map.of());
  }

  List<String> names() {
    return things.keySet().stream().sorted().toList();
  }
}
