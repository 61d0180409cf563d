package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.sensor.ActionLog.aws;

import dev.iotsys.api.Outcome;
import java.util.List;
import java.util.Optional;

/** The certificate attached to the sensor's thing. */
final class ThingAttachmentStep extends SensorStep<Boolean> {
  private final Optional<DeviceCertificate> certificate;
  private final boolean attached;
  private final ThingResource things;
  private final ActionLog log;

  ThingAttachmentStep(
      String name,
      Optional<DeviceCertificate> certificate,
      boolean attached,
      ThingResource things,
      ActionLog log) {
    super("thing-attachment", name, Outcome.CREATED);
    this.certificate = certificate;
    this.attached = attached;
    this.things = things;
    this.log = log;
  }

  @Override
  public Optional<Boolean> done() {
    return attached ? Optional.of(true) : Optional.empty();
  }

  @Override
  public List<String> plan() {
    return List.of(
        "would attach "
            + certificate.map(c -> "certificate " + c.shortId()).orElse("the new certificate")
            + " to thing "
            + name());
  }

  @Override
  public Boolean run() {
    DeviceCertificate c = certificate.orElseThrow();
    aws(
        "attaching certificate " + c.shortId() + " to thing " + name(),
        () -> things.attach(name(), c.arn()));
    log.change("attached certificate " + c.shortId() + " to thing " + name());
    return true;
  }
}
