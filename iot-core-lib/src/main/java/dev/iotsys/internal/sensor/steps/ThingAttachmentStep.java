package dev.iotsys.internal.sensor.steps;

import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.iot.ThingResource;
import java.util.Optional;

/** The certificate attached to the sensor's thing. */
public final class ThingAttachmentStep extends AttachmentStep {
  private final ThingResource things;

  public ThingAttachmentStep(
      String name,
      Optional<DeviceCertificate> certificate,
      boolean attached,
      ThingResource things,
      ActionLog log) {
    super("thing-attachment", name, certificate, attached, log);
    this.things = things;
  }

  @Override
  public String attachment(String certificate) {
    return certificate + " to thing " + name();
  }

  @Override
  public void attach(DeviceCertificate certificate) {
    things.attach(name(), certificate.arn());
  }
}
