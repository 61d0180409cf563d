package dev.iotsys.internal.sensor.steps;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.DeviceCertificate;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iot.model.CertificateStatus;

/**
 * The certificate made ACTIVE, only after {@code exclusive} has seen, in a listing of the thing
 * taken after the attachment, no other home's usable certificate (it withdraws this home's
 * certificate and fails otherwise: see {@code SensorAddition}).
 */
public final class ActivationStep extends SensorStep<Boolean> {
  private final Optional<DeviceCertificate> certificate;
  private final boolean active;
  private final Runnable exclusive;
  private final CertificateResource certificates;
  private final ActionLog log;

  /**
   * @param issuedNow whether the certificate is issued by this run: its activation is then part of
   *     making the sensor (CREATED), not a change of an existing certificate (UPDATED)
   */
  public ActivationStep(
      String name,
      Optional<DeviceCertificate> certificate,
      boolean issuedNow,
      Runnable exclusive,
      CertificateResource certificates,
      ActionLog log) {
    super("activation", name, issuedNow ? Outcome.CREATED : Outcome.UPDATED);
    this.certificate = certificate;
    this.active = certificate.map(c -> DeviceCertificate.ACTIVE.equals(c.status())).orElse(false);
    this.exclusive = exclusive;
    this.certificates = certificates;
    this.log = log;
  }

  @Override
  public Optional<Boolean> done() {
    return active ? Optional.of(true) : Optional.empty();
  }

  @Override
  public List<String> plan() {
    return List.of(
        "would activate "
            + certificate.map(c -> "certificate " + c.shortId()).orElse("the new certificate"));
  }

  @Override
  public Boolean run() {
    DeviceCertificate c = certificate.orElseThrow();
    exclusive.run();
    aws(
        "activating certificate " + c.shortId(),
        () -> certificates.setStatus(c.id(), CertificateStatus.ACTIVE));
    log.change("activated certificate " + c.shortId());
    return true;
  }
}
