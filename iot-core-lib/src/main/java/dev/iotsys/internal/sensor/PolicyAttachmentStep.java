package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.sensor.ActionLog.aws;

import dev.iotsys.api.Outcome;
import java.util.List;
import java.util.Optional;

/** The type's device policy on the certificate. */
final class PolicyAttachmentStep extends SensorStep<Boolean> {
  private final Optional<DeviceCertificate> certificate;
  private final boolean attached;
  private final CertificateResource certificates;
  private final ActionLog log;

  /**
   * @param certificate the certificate; empty in a dry run that would issue one
   * @param attached whether the policy was found on it
   */
  PolicyAttachmentStep(
      String policy,
      Optional<DeviceCertificate> certificate,
      boolean attached,
      CertificateResource certificates,
      ActionLog log) {
    super("policy", policy, Outcome.CREATED);
    this.certificate = certificate;
    this.attached = attached;
    this.certificates = certificates;
    this.log = log;
  }

  @Override
  public Optional<Boolean> done() {
    return attached ? Optional.of(true) : Optional.empty();
  }

  @Override
  public List<String> plan() {
    return List.of(
        "would attach policy "
            + name()
            + " to "
            + certificate.map(c -> "certificate " + c.shortId()).orElse("the new certificate"));
  }

  @Override
  public Boolean run() {
    DeviceCertificate c = certificate.orElseThrow();
    aws("attaching policy " + name(), () -> certificates.attachPolicy(name(), c.arn()));
    log.change("attached policy " + name() + " to certificate " + c.shortId());
    return true;
  }
}
