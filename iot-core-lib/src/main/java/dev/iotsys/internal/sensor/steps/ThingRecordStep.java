package dev.iotsys.internal.sensor.steps;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.iot.ThingResource;
import java.util.List;
import java.util.Optional;

/**
 * The certificate's id recorded on the thing ({@link ThingResource#CERTIFICATE}), once it is
 * active, so that {@code sensor list} reads a fleet in pages. Written by the home whose certificate
 * won; a home that withdraws never gets here.
 */
public final class ThingRecordStep extends SensorStep<String> {
  private final Optional<DeviceCertificate> certificate;
  private final Optional<String> recorded;
  private final ThingResource things;
  private final ActionLog log;

  public ThingRecordStep(
      String name,
      Optional<DeviceCertificate> certificate,
      Optional<String> recorded,
      ThingResource things,
      ActionLog log) {
    // The first record of a certificate on the thing is made; a record of another is changed.
    super("thing-record", name, recorded.isEmpty() ? Outcome.CREATED : Outcome.UPDATED);
    this.certificate = certificate;
    this.recorded = recorded;
    this.things = things;
    this.log = log;
  }

  @Override
  public Optional<String> done() {
    return certificate.map(DeviceCertificate::id).filter(id -> recorded.equals(Optional.of(id)));
  }

  @Override
  public List<String> plan() {
    return List.of(
        "would record "
            + certificate.map(c -> "certificate " + c.shortId()).orElse("the new certificate")
            + " on thing "
            + name());
  }

  @Override
  public String run() {
    DeviceCertificate c = certificate.orElseThrow();
    aws(
        "recording certificate " + c.shortId() + " on thing " + name(),
        () -> things.record(name(), c.id()));
    log.change("recorded certificate " + c.shortId() + " on thing " + name());
    return c.id();
  }
}
