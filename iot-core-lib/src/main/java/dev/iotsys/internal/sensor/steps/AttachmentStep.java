package dev.iotsys.internal.sensor.steps;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.iot.DeviceCertificate;
import java.util.List;
import java.util.Optional;

/**
 * Something attached to the sensor's certificate, or the certificate to something: done when it was
 * found attached; in a dry run that would issue the certificate, planned on "the new certificate".
 */
public abstract class AttachmentStep extends SensorStep<Boolean> {
  private final Optional<DeviceCertificate> certificate;
  private final boolean attached;
  private final ActionLog log;

  /**
   * @param certificate the certificate; empty in a dry run that would issue one
   * @param attached whether the attachment was found
   */
  public AttachmentStep(
      String kind,
      String name,
      Optional<DeviceCertificate> certificate,
      boolean attached,
      ActionLog log) {
    super(kind, name, Outcome.CREATED);
    this.certificate = certificate;
    this.attached = attached;
    this.log = log;
  }

  /** What is attached, in words, given how the certificate is named. */
  public abstract String attachment(String certificate);

  /** Makes the attachment on AWS. */
  public abstract void attach(DeviceCertificate certificate);

  @Override
  public final Optional<Boolean> done() {
    return attached ? Optional.of(true) : Optional.empty();
  }

  @Override
  public final List<String> plan() {
    return List.of(
        "would attach "
            + attachment(
                certificate.map(c -> "certificate " + c.shortId()).orElse("the new certificate")));
  }

  @Override
  public final Boolean run() {
    DeviceCertificate c = certificate.orElseThrow();
    String what = attachment("certificate " + c.shortId());
    aws("attaching " + what, () -> attach(c));
    log.change("attached " + what);
    return true;
  }
}
