package dev.iotsys.internal.crypto;

import dev.iotsys.spi.Der;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.spi.KeyFormats;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

/**
 * A device's key pair, made on this machine with the algorithm its sensor type declares (RSA 2048
 * or EC P-256). The private key never leaves the machine: AWS gets a CSR.
 *
 * <p>Its files in the key folder hold the key in the traditional form of its algorithm, which
 * carries the public half too: PKCS#1 for RSA ({@code openssl rsa -traditional}), SEC1 with the
 * curve and the public key for EC ({@code openssl ec}).
 */
public final class DeviceKey {
  private final KeyAlgorithm algorithm;
  private final KeyPair pair;

  private DeviceKey(KeyAlgorithm algorithm, KeyPair pair) {
    this.algorithm = algorithm;
    this.pair = pair;
  }

  /** A new key pair of the given algorithm. */
  public static DeviceKey generate(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.jcaName());
      switch (algorithm) {
        case RSA_2048 -> generator.initialize(2048);
        case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"));
      }
      return new DeviceKey(algorithm, generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "The JDK cannot make " + algorithm.description() + " keys", e);
    }
  }

  /**
   * Reads a key in PEM or DER, in a form that carries the public half (PKCS#1, SEC1 with its public
   * key, or such a PKCS#8).
   *
   * @throws IllegalArgumentException when the bytes are not one
   */
  public static DeviceKey read(byte[] pemOrDer) {
    KeyPair pair = KeyFormats.keyPair(pemOrDer);
    KeyAlgorithm algorithm =
        switch (pair.getPrivate().getAlgorithm()) {
          case "RSA" -> KeyAlgorithm.RSA_2048;
          case "EC" -> KeyAlgorithm.EC_P256;
          default -> throw new IllegalArgumentException("a key of algorithm " + pair.getPrivate());
        };
    return new DeviceKey(algorithm, pair);
  }

  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** The private key, for the device package and for a TLS client that acts as the device. */
  public PrivateKey privateKey() {
    return pair.getPrivate();
  }

  /** The key in its algorithm's traditional DER form: PKCS#1 for RSA, SEC1 for EC. */
  public byte[] der() {
    return switch (algorithm) {
      case RSA_2048 -> KeyFormats.pkcs1((RSAPrivateCrtKey) pair.getPrivate());
      case EC_P256 ->
          KeyFormats.sec1((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
    };
  }

  /** {@link #der()} as PEM ({@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}). */
  public byte[] pem() {
    String label = algorithm == KeyAlgorithm.RSA_2048 ? "RSA PRIVATE KEY" : "EC PRIVATE KEY";
    return KeyFormats.pem(label, der()).getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A PKCS#10 request, PEM, for this key, with subject {@code CN=<thing name>}, signed with SHA-256
   * and the key's own algorithm (RFC 2986; ECDSA's algorithm identifier has no parameters, RFC
   * 5758).
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
            pair.getPublic().getEncoded(),
            Der.element(Der.CONTEXT_0, new byte[0]));
    byte[] signatureAlgorithm =
        algorithm == KeyAlgorithm.RSA_2048
            ? Der.sequence(Der.objectIdentifier(Der.SHA256_WITH_RSA), Der.nullValue())
            : Der.sequence(Der.objectIdentifier(Der.ECDSA_WITH_SHA256));
    try {
      Signature signer =
          Signature.getInstance(
              algorithm == KeyAlgorithm.RSA_2048 ? "SHA256withRSA" : "SHA256withECDSA");
      signer.initSign(pair.getPrivate());
      signer.update(info);
      byte[] request = Der.sequence(info, signatureAlgorithm, Der.bitString(signer.sign()));
      return KeyFormats.pem("CERTIFICATE REQUEST", request);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a certificate signing request", e);
    }
  }

  /** Whether a certificate certifies this key's public half. */
  public boolean matches(X509Certificate certificate) {
    return Arrays.equals(certificate.getPublicKey().getEncoded(), pair.getPublic().getEncoded());
  }

  /**
   * Whether two keys are one: the same private key, compared in its traditional form (the JDK's own
   * encoding keeps whatever optional fields the key was read with).
   */
  public boolean sameAs(DeviceKey other) {
    return algorithm == other.algorithm && Arrays.equals(der(), other.der());
  }
}
