package dev.iotsys.testing;

import dev.iotsys.spi.KeyAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A device's key pair and a self-signed certificate for it, made with the JDK and BouncyCastle
 * (which only the tests use), for tests of package writers and readers that need real JDK types but
 * no CA.
 *
 * @param certificate the certificate, {@code CN=<name>}
 * @param privateKey the key it certifies
 */
public record DeviceCredentials(X509Certificate certificate, PrivateKey privateKey) {
  /**
   * A certificate the CA issues now, valid for a day, as AWS IoT issues a device's from its CSR.
   *
   * @param ca the issuing test CA
   * @param commonName the subject's common name
   * @param dnsNames the names a server certificate is for; empty for a client's
   * @param publicKey the key it certifies
   */
  public static X509Certificate issue(
      TestCa ca, String commonName, List<String> dnsNames, PublicKey publicKey) {
    try {
      X509Certificate caCertificate = ca.caCertificate();
      Instant now = Instant.now();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              caCertificate,
              BigInteger.valueOf(System.nanoTime()),
              Date.from(now.minus(5, ChronoUnit.MINUTES)),
              Date.from(now.plus(1, ChronoUnit.DAYS)),
              new X500Name("CN=" + commonName),
              publicKey);
      if (!dnsNames.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                dnsNames.stream()
                    .map(n -> new GeneralName(GeneralName.dNSName, n))
                    .toArray(GeneralName[]::new)));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.caPrivateKey())));
    } catch (OperatorCreationException | GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("Cannot issue a test certificate: " + e, e);
    }
  }

  /** A fresh key of the algorithm and a certificate for it, valid from an hour ago for a day. */
  public static DeviceCredentials make(String name, KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.jcaName());
      if (algorithm == KeyAlgorithm.EC_P256) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        g.initialize(2048);
      }
      KeyPair pair = g.generateKeyPair();
      Instant now = Instant.now();
      X500Name subject = new X500Name("CN=" + name);
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          subject,
                          BigInteger.valueOf(now.toEpochMilli()),
                          Date.from(now.minus(1, ChronoUnit.HOURS)),
                          Date.from(now.plus(1, ChronoUnit.DAYS)),
                          subject,
                          pair.getPublic())
                      .build(
                          new JcaContentSignerBuilder(
                                  algorithm == KeyAlgorithm.EC_P256
                                      ? "SHA256withECDSA"
                                      : "SHA256withRSA")
                              .build(pair.getPrivate())));
      return new DeviceCredentials(certificate, pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("Cannot make test credentials: " + e, e);
    }
  }
}
