package dev.iotsys.internal.sensor;

import java.util.Optional;

/** The type's device policy on the certificate. */
final class PolicyAttachmentStep extends AttachmentStep {
  private final CertificateResource certificates;

  PolicyAttachmentStep(
      String policy,
      Optional<DeviceCertificate> certificate,
      boolean attached,
      CertificateResource certificates,
      ActionLog log) {
    super("policy", policy, certificate, attached, log);
    this.certificates = certificates;
  }

  @Override
  String attachment(String certificate) {
    return "policy " + name() + " to " + certificate;
  }

  @Override
  void attach(DeviceCertificate certificate) {
    certificates.attachPolicy(name(), certificate.arn());
  }
}
