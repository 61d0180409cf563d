package dev.iotsys.internal.crypto;

import dev.iotsys.spi.Der;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * A device's RSA 2048 key pair, made on this machine (the ESP8266's TLS stack, axTLS, has no EC and
 * reads only PKCS#1 keys). The private key never leaves the machine: AWS gets a CSR.
 */
public final class DeviceKey {
  public static final int BITS = 2048;

  private final RSAPrivateCrtKey privateKey;
  private final RSAPublicKey publicKey;

  private DeviceKey(RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  public static DeviceKey generate() {
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
   * Reads a PKCS#1 {@code RSAPrivateKey} DER (two primes, version 0).
   *
   * @throws IllegalArgumentException when the bytes are not one
   */
  public static DeviceKey fromPkcs1(byte[] der) {
    try {
      List<Der.Element> fields = Der.read(der).children();
      if (fields.size() != 9 || fields.get(0).integer().signum() != 0) {
        throw new IllegalArgumentException("not a two-prime PKCS#1 RSAPrivateKey");
      }
      BigInteger[] v = fields.stream().map(Der.Element::integer).toArray(BigInteger[]::new);
      KeyFactory factory = KeyFactory.getInstance("RSA");
      RSAPrivateCrtKey privateKey =
          (RSAPrivateCrtKey)
              factory.generatePrivate(
                  new RSAPrivateCrtKeySpec(v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
      RSAPublicKey publicKey =
          (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(v[1], v[2]));
      return new DeviceKey(privateKey, publicKey);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not a PKCS#1 RSA private key", e);
    }
  }

  /** Reads a PEM {@code RSA PRIVATE KEY} (PKCS#1). */
  public static DeviceKey fromPkcs1Pem(String pem) {
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return fromPkcs1(Base64.getDecoder().decode(body));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a PEM PKCS#1 RSA private key", e);
    }
  }

  /** The private key, for a TLS client that acts as the device ({@code sensor test}). */
  public RSAPrivateCrtKey privateKey() {
    return privateKey;
  }

  /** The private key as PKCS#1 {@code RSAPrivateKey} DER (the JDK's own encoding is PKCS#8). */
  public byte[] pkcs1Der() {
    RSAPrivateCrtKey k = privateKey;
    return Der.sequence(
        Der.integer(BigInteger.ZERO),
        Der.integer(k.getModulus()),
        Der.integer(k.getPublicExponent()),
        Der.integer(k.getPrivateExponent()),
        Der.integer(k.getPrimeP()),
        Der.integer(k.getPrimeQ()),
        Der.integer(k.getPrimeExponentP()),
        Der.integer(k.getPrimeExponentQ()),
        Der.integer(k.getCrtCoefficient()));
  }

  /**
   * The private key as PEM {@code RSA PRIVATE KEY}, what {@code openssl rsa -traditional} shows.
   */
  public byte[] pkcs1Pem() {
    return pem("RSA PRIVATE KEY", pkcs1Der()).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A PKCS#10 request, PEM, for this key, with subject {@code CN=<thing name>}, signed with SHA-256
   * and RSA (RFC 2986).
   */
  public String csrPem(String thingName) {
    byte[] subject =
        Der.sequence(
            Der.set(
                Der.sequence(Der.objectIdentifier(Der.COMMON_NAME), Der.utf8String(thingName))));
    byte[] info =
        Der.sequence(
            Der.integer(BigInteger.ZERO),
            subject,
            publicKey.getEncoded(),
            Der.element(Der.CONTEXT_0, new byte[0]));
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(privateKey);
      signer.update(info);
      byte[] request =
          Der.sequence(
              info,
              Der.sequence(Der.objectIdentifier(Der.SHA256_WITH_RSA), Der.nullValue()),
              Der.bitString(signer.sign()));
      return pem("CERTIFICATE REQUEST", request);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a certificate signing request", e);
    }
  }

  /** Whether a certificate certifies this key's public half. */
  public boolean matches(X509Certificate certificate) {
    return certificate.getPublicKey() instanceof RSAPublicKey other
        && other.getModulus().equals(publicKey.getModulus())
        && other.getPublicExponent().equals(publicKey.getPublicExponent());
  }

  public static String pem(String type, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }
}
