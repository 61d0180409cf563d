package dev.iotsys.testing;

import dev.iotsys.spi.KeyAlgorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
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
