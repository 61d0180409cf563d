package dev.iotsys.sensor.micropython;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The Amazon Trust Services root CAs that AWS IoT documents for its {@code iot:Data-ATS} endpoints
 * (developer guide, "Server authentication": Amazon Root CA 1 to 4), taken from the JDK's own trust
 * store, so nothing is downloaded. Each is picked by the SHA-256 fingerprint Amazon Trust Services
 * publishes (https://www.amazontrust.com/repository/), not by its alias, which differs between JDK
 * builds ({@code amazonrootca1 [jdk]}, Debian's {@code debian:amazon_root_ca_1.pem}).
 */
public final class AmazonRoots {
  /** Amazon Root CA 1 (RSA 2048) to 4 (ECC 384), by the SHA-256 of their DER form. */
  static final Map<String, String> FINGERPRINTS = fingerprints();

  private static Map<String, String> fingerprints() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Amazon Root CA 1", "8ecde6884f3d87b1125ba31ac3fcb13d7016de7f57cc904fe1cb97c6ae98196e");
    f.put("Amazon Root CA 2", "1ba5b2aa8c65401a82960118f80bec4f62304d83cec4713a19c39c011ea46db4");
    f.put("Amazon Root CA 3", "18ce6cfe7bf14e60b2e347b8dfe868cb31d02ebb3ada271569f50343b46db3a4");
    f.put("Amazon Root CA 4", "e35d28419ed02025cfa69038cd623962458da5c695fbdea3c22b0bfb25897092");
    return java.util.Collections.unmodifiableMap(f);
  }

  private static volatile List<X509Certificate> found;

  private AmazonRoots() {}

  /**
   * The four roots, in order, from the JDK's default trust store.
   *
   * @throws IllegalStateException naming the roots the trust store lacks
   */
  public static List<X509Certificate> fromJdk() {
    List<X509Certificate> roots = found;
    if (roots == null) {
      roots = pick(jdkTrusted());
      found = roots;
    }
    return roots;
  }

  /** The roots among the given certificates, in order; fails naming those missing. */
  static List<X509Certificate> pick(List<X509Certificate> trusted) {
    Map<String, X509Certificate> byFingerprint = new LinkedHashMap<>();
    for (X509Certificate c : trusted) {
      byFingerprint.put(sha256(c), c);
    }
    List<X509Certificate> roots = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    FINGERPRINTS.forEach(
        (name, sha) -> {
          X509Certificate c = byFingerprint.get(sha);
          if (c == null) {
            missing.add(name);
          } else {
            roots.add(c);
          }
        });
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The JDK's trust store lacks "
              + String.join(", ", missing)
              + ", which an ESP32 package carries to check AWS IoT's certificate: use a JDK whose"
              + " cacerts holds the Amazon Trust Services roots (every JDK 17 does)");
    }
    return List.copyOf(roots);
  }

  private static List<X509Certificate> jdkTrusted() {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      for (TrustManager m : factory.getTrustManagers()) {
        if (m instanceof X509TrustManager x) {
          return List.of(x.getAcceptedIssuers());
        }
      }
      return List.of();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read the JDK's trust store: " + e, e);
    }
  }

  static String sha256(X509Certificate c) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot hash a certificate: " + e, e);
    }
  }
}
