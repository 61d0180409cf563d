package dev.iotsys.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.spi.KeyAlgorithm;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every structure checked with BouncyCastle, which the key code itself never uses. */
class DeviceKeyTest {
  private static final DeviceKey RSA = DeviceKey.generate(KeyAlgorithm.RSA_2048);
  private static final DeviceKey EC = DeviceKey.generate(KeyAlgorithm.EC_P256);

  private static DeviceKey key(KeyAlgorithm algorithm) {
    return algorithm == KeyAlgorithm.RSA_2048 ? RSA : EC;
  }

  @Test
  void der_ofAnRsaKey_isPkcs1Of2048Bits_notPkcs8() {
    RSAPrivateKey parsed = RSAPrivateKey.getInstance(RSA.der());
    assertEquals(2048, parsed.getModulus().bitLength());
    // PKCS#8 would start with a version and an AlgorithmIdentifier, PKCS#1 with version 0 and n.
    assertEquals(0, parsed.getVersion().intValue());
  }

  @Test
  void der_ofAnEcKey_isSec1OnP256_withItsPublicKey() {
    ECPrivateKey parsed = ECPrivateKey.getInstance(EC.der());
    assertEquals(X9ObjectIdentifiers.prime256v1, parsed.getParametersObject());
    assertEquals(32, parsed.getKey().toByteArray().length <= 33 ? 32 : -1);
    assertThat(parsed.getPublicKey()).as("SEC1's optional public key").isNotNull();
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void pem_isWhatOpenSslsTraditionalFormsAre_andBouncyCastleReadsTheSamePair(KeyAlgorithm a)
      throws Exception {
    String pem = new String(key(a).pem(), StandardCharsets.US_ASCII);
    assertThat(pem)
        .startsWith(
            a == KeyAlgorithm.RSA_2048
                ? "-----BEGIN RSA PRIVATE KEY-----\n"
                : "-----BEGIN EC PRIVATE KEY-----\n");
    PEMKeyPair pair;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      pair = (PEMKeyPair) parser.readObject();
    }
    java.security.KeyPair read = new JcaPEMKeyConverter().getKeyPair(pair);
    assertTrue(DeviceKey.read(key(a).der()).sameAs(key(a)));
    assertEquals(secret(key(a).privateKey()), secret(read.getPrivate()));
  }

  /** The private number of a key: RSA's private exponent, EC's scalar. */
  static java.math.BigInteger secret(java.security.PrivateKey key) {
    return key instanceof java.security.interfaces.ECPrivateKey ec
        ? ec.getS()
        : ((java.security.interfaces.RSAPrivateKey) key).getPrivateExponent();
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void read_givesBackTheSameKey_fromDerAndPem(KeyAlgorithm a) {
    DeviceKey k = key(a);
    assertTrue(DeviceKey.read(k.der()).sameAs(k));
    assertTrue(DeviceKey.read(k.pem()).sameAs(k));
    assertEquals(a, DeviceKey.read(k.der()).algorithm());
    assertFalse(DeviceKey.read(k.der()).sameAs(DeviceKey.generate(a)));
  }

  @Test
  void read_withOtherBytes_refuses() {
    assertThrows(IllegalArgumentException.class, () -> DeviceKey.read(new byte[] {1, 2, 3}));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void csr_namesTheThingAndCarriesThePublicKey_andIsSignedWithTheKeysAlgorithm(KeyAlgorithm a)
      throws Exception {
    String pem = key(a).csrPem("kitchen:1_a-b");
    PKCS10CertificationRequest csr;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      csr = (PKCS10CertificationRequest) parser.readObject();
    }
    assertEquals("CN=kitchen:1_a-b", csr.getSubject().toString());
    PublicKey publicKey = new JcaPKCS10CertificationRequest(csr).getPublicKey();
    assertThat(publicKey)
        .isInstanceOf(a == KeyAlgorithm.RSA_2048 ? RSAPublicKey.class : ECPublicKey.class);
    assertEquals(
        a == KeyAlgorithm.RSA_2048 ? "1.2.840.113549.1.1.11" : "1.2.840.10045.4.3.2",
        csr.getSignatureAlgorithm().getAlgorithm().getId());
    assertTrue(csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey)));
    assertTrue(key(a).matches(selfSigned(publicKey)), "the CSR carries this key's public half");
  }

  /** A certificate for the public key, made with BouncyCastle, to test matches() against. */
  private static java.security.cert.X509Certificate selfSigned(PublicKey publicKey)
      throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(256);
    java.security.KeyPair issuer = g.generateKeyPair();
    org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=t");
    java.util.Date now = new java.util.Date();
    org.bouncycastle.cert.X509CertificateHolder holder =
        new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                name,
                java.math.BigInteger.ONE,
                now,
                new java.util.Date(now.getTime() + 60_000),
                name,
                publicKey)
            .build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                    .build(issuer.getPrivate()));
    return new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder);
  }

  @Test
  void matches_onlyTheCertificateOfItsOwnPublicKey() throws Exception {
    PublicKey rsaPublic =
        new JcaPKCS10CertificationRequest(
                (PKCS10CertificationRequest)
                    new PEMParser(new StringReader(RSA.csrPem("a"))).readObject())
            .getPublicKey();
    assertTrue(RSA.matches(selfSigned(rsaPublic)));
    assertFalse(EC.matches(selfSigned(rsaPublic)));
    assertFalse(DeviceKey.generate(KeyAlgorithm.RSA_2048).matches(selfSigned(rsaPublic)));
  }
}
