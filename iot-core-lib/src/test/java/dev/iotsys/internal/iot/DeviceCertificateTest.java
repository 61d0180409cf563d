package dev.iotsys.internal.iot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class DeviceCertificateTest {
  private static final KeyPair KEYS = ecKeys();

  @Test
  void commonName_readsAUtf8Name() throws Exception {
    assertEquals(
        Optional.of("kitchen:1_a-b"),
        certificate(name(new DERUTF8String("kitchen:1_a-b"))).commonName());
  }

  @Test
  void commonName_readsPrintableAndBmpStrings() throws Exception {
    assertEquals(
        Optional.of("garage"), certificate(name(new DERPrintableString("garage"))).commonName());
    assertEquals(Optional.of("küche"), certificate(name(new DERBMPString("küche"))).commonName());
  }

  @Test
  void commonName_findsTheNameAmongOtherAttributes() throws Exception {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "DE")
            .addRDN(BCStyle.O, "Home")
            .addRDN(BCStyle.CN, "attic")
            .build();
    assertEquals(Optional.of("attic"), certificate(subject).commonName());
  }

  @Test
  void commonName_withoutOne_isEmpty() throws Exception {
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "AWS").build();
    assertEquals(Optional.empty(), certificate(subject).commonName());
  }

  private static X500Name name(ASN1Encodable commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  private static DeviceCertificate certificate(X500Name subject) throws Exception {
    var holder =
        new JcaX509v3CertificateBuilder(
                subject,
                BigInteger.ONE,
                new Date(0),
                new Date(4_000_000_000_000L),
                subject,
                KEYS.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate()));
    StringWriter pem = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
      writer.writeObject(holder);
    }
    return new DeviceCertificate("id", "arn:aws:iot:us-east-1:1:cert/id", "ACTIVE", pem.toString());
  }

  private static KeyPair ecKeys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
