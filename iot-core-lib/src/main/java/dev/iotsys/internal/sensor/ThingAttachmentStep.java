package dev.iotsys.internal.sensor;

import java.util.Optional;

/** The certificate attached to the sensor's thing. */
final class ThingAttachmentStep extends AttachmentStep {
  private final ThingResource things;

  ThingAttachmentStep(
      String name,
      Optional<DeviceCertificate> certificate,
      boolean attached,
      ThingResource things,
      ActionLog log) {
    super("thing-attachment", name, certificate, attached, log);
    this.things = things;
  }

  @Override
  String attachment(String certificate) {
    return certificate + " to thing " + name();
  }

  @Override
  void attach(DeviceCertificate certificate) {
    things.attach(name(), certificate.arn());
  }
}
