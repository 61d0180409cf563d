package dev.iotsys.internal.sensor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A device's RSA 2048 key pair, made on this machine (the ESP8266's TLS stack, axTLS, has no EC
 * and reads only PKCS#1 keys). The private key never leaves the machine: AWS gets a CSR.
 */
final class DeviceKey {
  static final int BITS = 2048;

  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;

  private DeviceKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  static DeviceKey generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(BITS);
      KeyPair pair = generator.generateKeyPair();
      return new DeviceKey((RSAPrivateCrtKey) pair.getPrivate(), (RSAPublicKey) pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot make RSA keys", e);
    }
  }

  /**
   * Reads a PKCS#1 {@code RSAPrivateKey} DER.
   *
   * @throws IllegalArgumentException when the bytes are not one
   */
  static DeviceKey fromPkcs1(byte[] der) {
    try {
      RSAPrivateKey k = RSAPrivateKey.getInstance(der);
      KeyFactory factory = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory.generatePrivate(
          new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
              k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(),
              k.getCoefficient()));
      RSAPublicKey publicKey = (RSAPublicKey) factory.generatePublic(
          new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
      return new DeviceKey(privateKey, publicKey);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not a PKCS#1 RSA private key", e);
    }
  }

  /** Reads a PEM {@code RSA PRIVATE KEY} (PKCS#1). */
  static DeviceKey fromPkcs1Pem(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return fromPkcs1(Base64.getDecoder().decode(body));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a PEM PKCS#1 RSA private key", e);
    }
  }

  /** The private key as PKCS#1 {@code RSAPrivateKey} DER (the JDK's own encoding is PKCS#8). */
  byte[] pkcs1Der() {
    try {
      return PrivateKeyInfo.getInstance(privateKey.getEncoded()).parsePrivateKey()
          .toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The private key as PEM {@code RSA PRIVATE KEY}, what {@code openssl rsa -traditional} shows. */
  byte[] pkcs1Pem() {
    return pem("RSA PRIVATE KEY", pkcs1Der()).getBytes(StandardCharsets.US_ASCII);
  }

  /** A PKCS#10 request, PEM, for this key, with subject {@code CN=<thing name>}. */
  String csrPem(String thingName) {
    try {
      PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
              new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, thingName).build(),
              publicKey)
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(privateKey));
      StringWriter out = new StringWriter();
      try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
        writer.writeObject(csr);
      }
      return out.toString();
    } catch (OperatorCreationException | IOException e) {
      throw new IllegalStateException("Cannot build a certificate signing request", e);
    }
  }

  /** Whether a certificate certifies this key's public half. */
  boolean matches(X509Certificate certificate) {
    return certificate.getPublicKey() instanceof RSAPublicKey other
        && other.getModulus().equals(publicKey.getModulus())
        && other.getPublicExponent().equals(publicKey.getPublicExponent());
  }

  static String pem(String type, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }
}
