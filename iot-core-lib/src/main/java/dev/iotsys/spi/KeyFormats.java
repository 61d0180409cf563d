package dev.iotsys.spi;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device's certificate and private key in the forms boards read: X.509 DER and PEM for the
 * certificate; PKCS#8, PKCS#1 (RSA) and SEC1 (EC) for the key, each as DER or PEM. The core hands a
 * {@link DevicePackageWriter} JDK types and the writer picks the forms its board takes; a {@link
 * DevicePackageReader} turns the package's files back into JDK types here.
 *
 * <p>Decoding never parses a key's numbers itself: a PKCS#1 or SEC1 key is wrapped into PKCS#8,
 * which the JDK's own key factories read. Messages never quote the bytes.
 */
public final class KeyFormats {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END \\1-----");

  private KeyFormats() {}

  // ------------------------------------------------------------------ PEM

  /**
   * PEM text of DER bytes: base64 in lines of 64 characters between BEGIN and END lines.
   *
   * @param label the PEM label, e.g. {@code CERTIFICATE} or {@code PRIVATE KEY}
   * @param der the bytes
   * @return the PEM text, ending with a newline
   */
  public static String pem(String label, byte[] der) {
    String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
  }

  // ------------------------------------------------------------------ certificates

  /**
   * A certificate's X.509 DER form.
   *
   * @param certificate the certificate
   * @return its DER bytes
   */
  public static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded", e);
    }
  }

  /**
   * Certificates as PEM, one {@code CERTIFICATE} block each, concatenated in order (a chain, or a
   * set of trust anchors as {@code cadata} takes them).
   *
   * @param certificates the certificates
   * @return the PEM text
   */
  public static String pem(List<X509Certificate> certificates) {
    StringBuilder b = new StringBuilder();
    certificates.forEach(c -> b.append(pem("CERTIFICATE", der(c))));
    return b.toString();
  }

  /**
   * The certificates in PEM (any number of blocks) or DER (one) bytes.
   *
   * @param pemOrDer the file's bytes
   * @return the certificates, in order; never empty
   * @throws IllegalArgumentException when the bytes hold no X.509 certificate
   */
  public static List<X509Certificate> certificates(byte[] pemOrDer) {
    List<X509Certificate> found = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (var c : factory.generateCertificates(new ByteArrayInputStream(pemOrDer))) {
        found.add((X509Certificate) c);
      }
    } catch (CertificateException | RuntimeException e) {
      throw new IllegalArgumentException("not an X.509 certificate in PEM or DER form", e);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("not an X.509 certificate in PEM or DER form");
    }
    return List.copyOf(found);
  }

  // ------------------------------------------------------------------ private keys, encoding

  /**
   * PKCS#8 {@code PrivateKeyInfo} DER, the JDK's own encoding of any private key.
   *
   * @param key the key
   * @return the DER bytes
   */
  public static byte[] pkcs8(PrivateKey key) {
    byte[] encoded = key.getEncoded();
    if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("the key has no PKCS#8 encoding");
    }
    return encoded;
  }

  /**
   * PKCS#8 as PEM {@code PRIVATE KEY}, what {@code openssl genpkey} writes.
   *
   * @param key the key
   * @return the PEM text
   */
  public static String pkcs8Pem(PrivateKey key) {
    return pem("PRIVATE KEY", pkcs8(key));
  }

  /**
   * PKCS#1 {@code RSAPrivateKey} DER (two primes, version 0), the only form some TLS stacks read
   * (axTLS).
   *
   * @param key the RSA key, with its CRT values (as the JDK makes and reads them)
   * @return the DER bytes
   */
  public static byte[] pkcs1(RSAPrivateCrtKey key) {
    return Der.sequence(
        Der.integer(BigInteger.ZERO),
        Der.integer(key.getModulus()),
        Der.integer(key.getPublicExponent()),
        Der.integer(key.getPrivateExponent()),
        Der.integer(key.getPrimeP()),
        Der.integer(key.getPrimeQ()),
        Der.integer(key.getPrimeExponentP()),
        Der.integer(key.getPrimeExponentQ()),
        Der.integer(key.getCrtCoefficient()));
  }

  /**
   * PKCS#1 as PEM {@code RSA PRIVATE KEY}, what {@code openssl rsa -traditional} writes.
   *
   * @param key the RSA key
   * @return the PEM text
   */
  public static String pkcs1Pem(RSAPrivateCrtKey key) {
    return pem("RSA PRIVATE KEY", pkcs1(key));
  }

  /**
   * SEC1 {@code ECPrivateKey} DER (RFC 5915) with the named curve and the public key, what {@code
   * openssl ec} writes.
   *
   * @param key the private key
   * @param publicKey its public half (a certificate's, or the key pair's)
   * @return the DER bytes
   * @throws IllegalArgumentException when the curve is not a named one the JDK knows
   */
  public static byte[] sec1(ECPrivateKey key, ECPublicKey publicKey) {
    ECParameterSpec params = key.getParams();
    int size = (params.getCurve().getField().getFieldSize() + 7) / 8;
    return Der.sequence(
        Der.integer(BigInteger.ONE),
        Der.octetString(unsigned(key.getS(), size)),
        Der.explicit(0, Der.objectIdentifier(curve(params))),
        Der.explicit(1, Der.bitString(point(publicKey.getW(), size))));
  }

  /**
   * SEC1 as PEM {@code EC PRIVATE KEY}.
   *
   * @param key the private key
   * @param publicKey its public half
   * @return the PEM text
   */
  public static String sec1Pem(ECPrivateKey key, ECPublicKey publicKey) {
    return pem("EC PRIVATE KEY", sec1(key, publicKey));
  }

  // ------------------------------------------------------------------ private keys, decoding

  /**
   * The private key in PEM ({@code PRIVATE KEY}, {@code RSA PRIVATE KEY}, {@code EC PRIVATE KEY})
   * or DER (PKCS#8, PKCS#1 or SEC1) bytes.
   *
   * @param pemOrDer the file's bytes
   * @return the key
   * @throws IllegalArgumentException when the bytes hold none of these (an encrypted key neither)
   */
  public static PrivateKey privateKey(byte[] pemOrDer) {
    return decode(pemOrDer).privateKey();
  }

  /**
   * The private key and its public half, from a form that carries both: an RSA key (its public half
   * is part of it) or an EC key whose encoding holds the public key (SEC1, or PKCS#8 whose inner
   * key has it, as {@link #sec1} and OpenSSL write them).
   *
   * @param pemOrDer the file's bytes
   * @return the key pair
   * @throws IllegalArgumentException when the bytes hold no such key
   */
  public static KeyPair keyPair(byte[] pemOrDer) {
    Decoded d = decode(pemOrDer);
    try {
      if (d.privateKey() instanceof RSAPrivateCrtKey rsa) {
        PublicKey pub =
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new KeyPair(pub, rsa);
      }
      if (d.privateKey() instanceof ECPrivateKey ec && d.publicPoint() != null) {
        ECPoint w = pointOf(d.publicPoint(), ec.getParams());
        PublicKey pub =
            KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
        return new KeyPair(pub, ec);
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("the key's public half cannot be read", e);
    }
    throw new IllegalArgumentException(
        "the key's encoding does not carry its public half (an EC key needs SEC1's public key)");
  }

  /**
   * Whether a certificate certifies a private key: a signature made with the key verifies with the
   * certificate's public key.
   *
   * @param certificate the certificate
   * @param key the private key
   * @return true when they belong together
   */
  public static boolean certifies(X509Certificate certificate, PrivateKey key) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> null;
        };
    if (algorithm == null
        || !certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
      return false;
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A decoded key, and the public point its encoding carried (EC only), if any. */
  private record Decoded(PrivateKey privateKey, byte[] publicPoint) {}

  private static Decoded decode(byte[] pemOrDer) {
    String text = new String(pemOrDer, StandardCharsets.US_ASCII);
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      String label = m.group(1);
      if (label.equals("EC PARAMETERS")) {
        continue;
      }
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(m.group(2));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the PEM block " + label + " is not base64");
      }
      return switch (label) {
        case "PRIVATE KEY" -> fromPkcs8(der);
        case "RSA PRIVATE KEY" -> fromPkcs1(der);
        case "EC PRIVATE KEY" -> fromSec1(der);
        default ->
            throw new IllegalArgumentException(
                "a PEM " + label + " is not an unencrypted private key");
      };
    }
    if (text.contains("-----BEGIN")) {
      throw new IllegalArgumentException("no private key in the PEM text");
    }
    List<Der.Element> fields;
    try {
      fields = Der.read(pemOrDer).children();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a private key in PEM or DER form", e);
    }
    if (fields.size() >= 3
        && fields.get(0).tag() == Der.INTEGER
        && fields.get(1).tag() == Der.SEQUENCE
        && fields.get(2).tag() == Der.OCTET_STRING) {
      return fromPkcs8(pemOrDer);
    }
    if (fields.size() == 9 && fields.stream().allMatch(f -> f.tag() == Der.INTEGER)) {
      return fromPkcs1(pemOrDer);
    }
    if (fields.size() >= 2
        && fields.get(0).tag() == Der.INTEGER
        && fields.get(1).tag() == Der.OCTET_STRING) {
      return fromSec1(pemOrDer);
    }
    throw new IllegalArgumentException("not a PKCS#8, PKCS#1 or SEC1 private key");
  }

  private static Decoded fromPkcs8(byte[] der) {
    try {
      List<Der.Element> info = Der.read(der).children();
      String oid = info.get(1).children().get(0).objectIdentifier();
      String algorithm =
          switch (oid) {
            case Der.RSA_ENCRYPTION -> "RSA";
            case Der.EC_PUBLIC_KEY -> "EC";
            default -> throw new IllegalArgumentException("a key of algorithm " + oid);
          };
      PrivateKey key =
          KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      byte[] point = algorithm.equals("EC") ? publicPoint(info.get(2).contents()) : null;
      return new Decoded(key, point);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not a PKCS#8 private key", e);
    }
  }

  /** PKCS#1 wrapped into PKCS#8 with the rsaEncryption algorithm, for the JDK to read. */
  private static Decoded fromPkcs1(byte[] der) {
    byte[] pkcs8 =
        Der.sequence(
            Der.integer(BigInteger.ZERO),
            Der.sequence(Der.objectIdentifier(Der.RSA_ENCRYPTION), Der.nullValue()),
            Der.octetString(der));
    try {
      return new Decoded(
          KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)), null);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not a PKCS#1 RSA private key", e);
    }
  }

  /** SEC1 wrapped into PKCS#8 with its named curve, for the JDK to read. */
  private static Decoded fromSec1(byte[] der) {
    try {
      String curve = null;
      for (Der.Element e : Der.read(der).children()) {
        if (e.tag() == Der.CONTEXT_0) {
          curve = e.children().get(0).objectIdentifier();
        }
      }
      if (curve == null) {
        throw new IllegalArgumentException("a SEC1 key without its curve");
      }
      byte[] pkcs8 =
          Der.sequence(
              Der.integer(BigInteger.ZERO),
              Der.sequence(Der.objectIdentifier(Der.EC_PUBLIC_KEY), Der.objectIdentifier(curve)),
              Der.octetString(der));
      PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return new Decoded(key, publicPoint(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException("not a SEC1 EC private key", e);
    }
  }

  /** The public key of a SEC1 {@code ECPrivateKey}: the bits of its {@code [1]}, or null. */
  private static byte[] publicPoint(byte[] sec1) {
    for (Der.Element e : Der.read(sec1).children()) {
      if (e.tag() == Der.CONTEXT_0 + 1) {
        Der.Element bits = e.children().get(0);
        bits.expect(Der.BIT_STRING);
        byte[] c = bits.contents();
        return Arrays.copyOfRange(c, 1, c.length);
      }
    }
    return null;
  }

  private static ECPoint pointOf(byte[] encoded, ECParameterSpec params) {
    int size = (params.getCurve().getField().getFieldSize() + 7) / 8;
    if (encoded.length != 1 + 2 * size || encoded[0] != 4) {
      throw new IllegalArgumentException("an EC public key that is not an uncompressed point");
    }
    return new ECPoint(
        new BigInteger(1, Arrays.copyOfRange(encoded, 1, 1 + size)),
        new BigInteger(1, Arrays.copyOfRange(encoded, 1 + size, encoded.length)));
  }

  private static byte[] point(ECPoint w, int size) {
    byte[] out = new byte[1 + 2 * size];
    out[0] = 4;
    System.arraycopy(unsigned(w.getAffineX(), size), 0, out, 1, size);
    System.arraycopy(unsigned(w.getAffineY(), size), 0, out, 1 + size, size);
    return out;
  }

  /** The number as exactly {@code size} big-endian bytes, as SEC1 writes field elements. */
  private static byte[] unsigned(BigInteger n, int size) {
    byte[] b = n.toByteArray();
    if (b.length == size) {
      return b;
    }
    byte[] out = new byte[size];
    int from = Math.max(0, b.length - size);
    System.arraycopy(b, from, out, size - (b.length - from), b.length - from);
    return out;
  }

  /** The object identifier of a named curve, as the JDK names it. */
  private static String curve(ECParameterSpec params) {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(params);
      String name = p.getParameterSpec(ECGenParameterSpec.class).getName();
      if (!name.matches("[0-9]+(\\.[0-9]+)+")) {
        throw new IllegalArgumentException("the curve " + name + " has no object identifier");
      }
      return name;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the key's curve is not a named curve", e);
    }
  }
}
