package dev.iotsys.internal.sensor.steps;

import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.DeviceCertificate;
import java.util.Optional;

/** The type's device policy on the certificate. */
public final class PolicyAttachmentStep extends AttachmentStep {
  private final CertificateResource certificates;

  public PolicyAttachmentStep(
      String policy,
      Optional<DeviceCertificate> certificate,
      boolean attached,
      CertificateResource certificates,
      ActionLog log) {
    super("policy", policy, certificate, attached, log);
    this.certificates = certificates;
  }

  @Override
  public String attachment(String certificate) {
    return "policy " + name() + " to " + certificate;
  }

  @Override
  public void attach(DeviceCertificate certificate) {
    certificates.attachPolicy(name(), certificate.arn());
  }
}
