package dev.iotsys.internal.iot;

import dev.iotsys.spi.Der;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A device certificate as AWS IoT describes it.
 *
 * @param id the certificate id
 * @param arn its ARN, which is how things and policies refer to it
 * @param status e.g. {@code ACTIVE}, {@code INACTIVE}
 * @param pem the certificate, PEM; null for one known only from a listing
 */
public record DeviceCertificate(String id, String arn, String status, String pem) {
  public static final String ACTIVE = "ACTIVE";
  public static final String INACTIVE = "INACTIVE";

  /** Whether AWS described it (its PEM is known), not only listed it. */
  public boolean described() {
    return pem != null;
  }

  public X509Certificate x509() {
    if (pem == null) {
      throw new IllegalStateException("certificate " + id + " was listed, not described");
    }
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      throw new IllegalStateException("AWS returned an unreadable certificate " + id, e);
    }
  }

  public byte[] der() {
    try {
      return x509().getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("Cannot encode certificate " + id, e);
    }
  }

  /** The subject's common name (the first, if several): iotsys puts the thing name there. */
  public Optional<String> commonName() {
    // Name ::= SEQUENCE OF SET OF SEQUENCE { type OBJECT IDENTIFIER, value DirectoryString }
    for (Der.Element rdn : Der.read(x509().getSubjectX500Principal().getEncoded()).children()) {
      for (Der.Element attribute : rdn.children()) {
        List<Der.Element> typeAndValue = attribute.children();
        if (typeAndValue.size() == 2
            && Der.COMMON_NAME.equals(typeAndValue.get(0).objectIdentifier())) {
          try {
            return Optional.of(typeAndValue.get(1).string());
          } catch (IllegalArgumentException e) {
            return Optional.empty(); // not text: not a name iotsys wrote
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Whether it can serve a device again: not revoked and not being transferred. */
  public boolean usable() {
    return ACTIVE.equals(status) || INACTIVE.equals(status);
  }

  /** The id shortened for people, as the AWS console shows it. */
  public String shortId() {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
