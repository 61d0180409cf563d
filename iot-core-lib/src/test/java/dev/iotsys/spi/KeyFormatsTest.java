package dev.iotsys.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Each encoding checked against BouncyCastle's (which iotsys itself never loads at run time). */
class KeyFormatsTest {
  private static final KeyPair RSA = pair("RSA", 2048);
  private static final KeyPair EC = pair("EC", 256);

  private static KeyPair pair(String algorithm, int size) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        g.initialize(size);
      }
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate certificate(PublicKey publicKey, KeyPair signer) throws Exception {
    Instant now = Instant.now();
    X500Name name = new X500Name("CN=kitchen");
    return new JcaX509CertificateConverter()
        .getCertificate(
            new JcaX509v3CertificateBuilder(
                    name,
                    BigInteger.ONE,
                    Date.from(now.minus(1, ChronoUnit.HOURS)),
                    Date.from(now.plus(1, ChronoUnit.DAYS)),
                    name,
                    publicKey)
                .build(
                    new JcaContentSignerBuilder(
                            signer.getPrivate().getAlgorithm().equals("EC")
                                ? "SHA256withECDSA"
                                : "SHA256withRSA")
                        .build(signer.getPrivate())));
  }

  private static String bouncyCastlePem(Object o) throws Exception {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(o);
    }
    return out.toString();
  }

  @Test
  void pkcs1_isTheRsaPrivateKeyInsideBouncyCastlesPkcs8() throws Exception {
    byte[] expected =
        PrivateKeyInfo.getInstance(RSA.getPrivate().getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded("DER");
    assertArrayEquals(expected, KeyFormats.pkcs1((RSAPrivateCrtKey) RSA.getPrivate()));
    assertThat(KeyFormats.pkcs1Pem((RSAPrivateCrtKey) RSA.getPrivate()))
        .startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
  }

  @Test
  void sec1_isBouncyCastlesEcPrivateKey_withTheNamedCurveAndThePublicKey() throws Exception {
    ECPrivateKey key = (ECPrivateKey) EC.getPrivate();
    ECPublicKey pub = (ECPublicKey) EC.getPublic();
    byte[] point =
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(pub.getEncoded())
            .getPublicKeyData()
            .getBytes();
    byte[] expected =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
                256,
                key.getS(),
                new DERBitString(point),
                new ASN1ObjectIdentifier("1.2.840.10045.3.1.7"))
            .getEncoded("DER");
    assertArrayEquals(expected, KeyFormats.sec1(key, pub));
  }

  @Test
  void pkcs8Pem_isWhatBouncyCastleReadsAsTheSameKey() throws Exception {
    for (KeyPair pair : List.of(RSA, EC)) {
      String pem = KeyFormats.pkcs8Pem(pair.getPrivate());
      assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
      Object read;
      try (PEMParser parser = new PEMParser(new StringReader(pem))) {
        read = parser.readObject();
      }
      PrivateKey key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) read);
      assertSame(pair, key);
    }
  }

  @Test
  void privateKey_readsEveryFormBouncyCastleWrites_pemAndDer() throws Exception {
    // PKCS#1 PEM as OpenSSL's traditional form, which BouncyCastle writes for an RSA pair.
    String rsaPem = bouncyCastlePem(RSA);
    assertThat(rsaPem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertSame(RSA, KeyFormats.privateKey(rsaPem.getBytes(StandardCharsets.US_ASCII)));
    // SEC1 as OpenSSL writes it (the curve and the public key in), built from BouncyCastle's
    // ASN.1 classes; BouncyCastle's own PEM of a JDK key would leave the curve out.
    byte[] point =
        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(EC.getPublic().getEncoded())
            .getPublicKeyData()
            .getBytes();
    byte[] sec1Der =
        new org.bouncycastle.asn1.sec.ECPrivateKey(
                256,
                ((ECPrivateKey) EC.getPrivate()).getS(),
                new DERBitString(point),
                new ASN1ObjectIdentifier("1.2.840.10045.3.1.7"))
            .getEncoded("DER");
    assertSame(EC, KeyFormats.privateKey(sec1Der));
    String sec1Pem =
        bouncyCastlePem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", sec1Der));
    assertSame(EC, KeyFormats.privateKey(sec1Pem.getBytes(StandardCharsets.US_ASCII)));
    byte[] pkcs1Der =
        PrivateKeyInfo.getInstance(RSA.getPrivate().getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded();
    assertSame(RSA, KeyFormats.privateKey(pkcs1Der));
    assertSame(RSA, KeyFormats.privateKey(RSA.getPrivate().getEncoded()));
    assertSame(EC, KeyFormats.privateKey(EC.getPrivate().getEncoded()));
  }

  /** The same private key: the JDK keeps each key's own encoding, so compare the numbers. */
  private static void assertSame(KeyPair expected, PrivateKey read) {
    assertEquals(secret(expected.getPrivate()), secret(read));
    assertEquals(expected.getPrivate().getAlgorithm(), read.getAlgorithm());
  }

  private static BigInteger secret(PrivateKey key) {
    return key instanceof ECPrivateKey ec
        ? ec.getS()
        : ((RSAPrivateCrtKey) key).getPrivateExponent();
  }

  @Test
  void keyPair_givesThePublicHalf_ofPkcs1AndOfSec1() {
    KeyPair rsa = KeyFormats.keyPair(KeyFormats.pkcs1((RSAPrivateCrtKey) RSA.getPrivate()));
    assertArrayEquals(RSA.getPublic().getEncoded(), rsa.getPublic().getEncoded());
    KeyPair ec =
        KeyFormats.keyPair(
            KeyFormats.sec1Pem((ECPrivateKey) EC.getPrivate(), (ECPublicKey) EC.getPublic())
                .getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(EC.getPublic().getEncoded(), ec.getPublic().getEncoded());
    assertSame(EC, ec.getPrivate());
  }

  @Test
  void privateKey_refusesWhatIsNoKey_withoutQuotingIt() {
    for (byte[] bytes :
        List.of(
            new byte[] {1, 2, 3},
            "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
                .getBytes(StandardCharsets.US_ASCII),
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"
                .getBytes(StandardCharsets.US_ASCII))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> KeyFormats.privateKey(bytes));
      assertThat(e.getMessage()).doesNotContain("AAAA");
    }
  }

  @Test
  void certificates_readPemChainsAndDer_andPemWritesWhatTheyRead() throws Exception {
    X509Certificate a = certificate(RSA.getPublic(), RSA);
    X509Certificate b = certificate(EC.getPublic(), EC);
    String pem = KeyFormats.pem(List.of(a, b));
    assertEquals(
        bouncyCastlePem(a) + bouncyCastlePem(b), pem.replace("\n", System.lineSeparator()));
    assertEquals(List.of(a, b), KeyFormats.certificates(pem.getBytes(StandardCharsets.US_ASCII)));
    assertEquals(List.of(a), KeyFormats.certificates(KeyFormats.der(a)));
    assertThrows(IllegalArgumentException.class, () -> KeyFormats.certificates(new byte[] {0}));
  }

  @Test
  void certifies_onlyTheKeyOfTheCertificatesPublicHalf() throws Exception {
    X509Certificate rsa = certificate(RSA.getPublic(), EC);
    X509Certificate ec = certificate(EC.getPublic(), RSA);
    assertTrue(KeyFormats.certifies(rsa, RSA.getPrivate()));
    assertTrue(KeyFormats.certifies(ec, EC.getPrivate()));
    assertFalse(KeyFormats.certifies(rsa, EC.getPrivate()));
    assertFalse(KeyFormats.certifies(rsa, pair("RSA", 2048).getPrivate()));
    assertFalse(KeyFormats.certifies(ec, pair("EC", 256).getPrivate()));
  }
}
