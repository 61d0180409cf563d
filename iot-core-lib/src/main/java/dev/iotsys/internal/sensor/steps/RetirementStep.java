package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.iot.DeviceCertificate;
import java.util.List;
import java.util.Optional;

/** Takes one certificate out of service for good ({@link CertificateRetirement}). */
public final class RetirementStep extends SensorStep<Boolean> {
  private final DeviceCertificate certificate;
  private final List<String> things;
  private final CertificateRetirement retirement;
  private final ActionLog log;

  /**
   * @param things the things the certificate is known to be attached to; others are looked for only
   *     when AWS says some are still attached
   */
  public RetirementStep(
      DeviceCertificate certificate,
      List<String> things,
      CertificateRetirement retirement,
      ActionLog log) {
    super("retirement", certificate.shortId(), Outcome.DELETED);
    this.certificate = certificate;
    this.things = things;
    this.retirement = retirement;
    this.log = log;
  }

  @Override
  public Optional<Boolean> done() {
    return Optional.empty();
  }

  @Override
  public List<String> plan() {
    return List.of("would deactivate, detach and delete certificate " + certificate.shortId());
  }

  @Override
  public Boolean run() {
    return retirement.retire(certificate, things, log);
  }

  @Override
  public boolean changed(Boolean retired) {
    return retired;
  }
}
