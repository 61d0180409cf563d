package dev.iotsys.internal.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class DeviceKeyTest {
  private static final DeviceKey KEY = DeviceKey.generate();

  @Test
  void pkcs1Der_isAnRsaPrivateKeyStructureOf2048Bits_notPkcs8() {
    RSAPrivateKey parsed = RSAPrivateKey.getInstance(KEY.pkcs1Der());
    assertEquals(2048, parsed.getModulus().bitLength());
    // PKCS#8 would start with a version and an AlgorithmIdentifier, PKCS#1 with version 0 and n.
    assertEquals(0, parsed.getVersion().intValue());
  }

  @Test
  void fromPkcs1_readsBackTheSameKey_fromDerAndPem() {
    assertArrayEquals(KEY.pkcs1Der(), DeviceKey.fromPkcs1(KEY.pkcs1Der()).pkcs1Der());
    String pem = new String(KEY.pkcs1Pem(), StandardCharsets.US_ASCII);
    assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
    assertArrayEquals(KEY.pkcs1Der(), DeviceKey.fromPkcs1Pem(pem).pkcs1Der());
  }

  @Test
  void fromPkcs1_withOtherBytes_refuses() {
    assertThrows(IllegalArgumentException.class, () -> DeviceKey.fromPkcs1(new byte[] {1, 2, 3}));
  }

  @Test
  void csr_namesTheThingAndCarriesThePublicKey_andIsSigned() throws Exception {
    String pem = KEY.csrPem("kitchen:1_a-b");
    PKCS10CertificationRequest csr;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      csr = (PKCS10CertificationRequest) parser.readObject();
    }
    assertEquals("CN=kitchen:1_a-b", csr.getSubject().toString());
    JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(csr);
    RSAPublicKey publicKey = (RSAPublicKey) jca.getPublicKey();
    assertEquals(RSAPrivateKey.getInstance(KEY.pkcs1Der()).getModulus(), publicKey.getModulus());
    assertTrue(
        csr.isSignatureValid(
            new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                .build(publicKey)));
  }

  @Test
  void fromPkcs1_readsAKeyThatBouncyCastleEncoded() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    java.security.KeyPair pair = generator.generateKeyPair();
    byte[] pkcs1 =
        org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded())
            .parsePrivateKey()
            .toASN1Primitive()
            .getEncoded();
    DeviceKey read = DeviceKey.fromPkcs1(pkcs1);
    assertArrayEquals(pkcs1, read.pkcs1Der());
  }

  @Test
  void fromPkcs1_refusesAPkcs8Key() throws Exception {
    java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
    assertThrows(IllegalArgumentException.class, () -> DeviceKey.fromPkcs1(pkcs8));
  }
}
