package dev.iotsys.internal.sensor;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * A device certificate as AWS IoT describes it.
 *
 * @param id the certificate id
 * @param arn its ARN, which is how things and policies refer to it
 * @param status e.g. {@code ACTIVE}, {@code INACTIVE}
 * @param pem the certificate, PEM
 */
record DeviceCertificate(String id, String arn, String status, String pem) {
  static final String ACTIVE = "ACTIVE";
  static final String INACTIVE = "INACTIVE";

  X509Certificate x509() {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalStateException("AWS returned an unreadable certificate " + id, e);
    }
  }

  byte[] der() {
    try {
      return x509().getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("Cannot encode certificate " + id, e);
    }
  }

  /** The subject's common name: iotsys puts the thing name there. */
  Optional<String> commonName() {
    X500Name subject = X500Name.getInstance(x509().getSubjectX500Principal().getEncoded());
    RDN[] names = subject.getRDNs(BCStyle.CN);
    return names.length == 0
        ? Optional.empty()
        : Optional.of(IETFUtils.valueToString(names[0].getFirst().getValue()));
  }

  /** Whether it can serve a device again: not revoked and not being transferred. */
  boolean usable() {
    return ACTIVE.equals(status) || INACTIVE.equals(status);
  }

  /** The id shortened for people, as the AWS console shows it. */
  String shortId() {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
