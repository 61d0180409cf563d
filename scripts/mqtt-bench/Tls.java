import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The same TLS material for every client: a client certificate and key, and the CA, as PEM. */
final class Tls {
  static final String CA = System.getenv("BENCH_CA");

  static Certificate cert(String file) throws Exception {
    try (var in = Files.newInputStream(Path.of(CA, file))) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  static PrivateKey key() throws Exception {
    String pem = Files.readString(Path.of(CA, "subscriber.key"))
        .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
  }

  static KeyManagerFactory kmf() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("device", key(), new char[0], new Certificate[] {cert("subscriber.pem")});
    KeyManagerFactory k = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    k.init(ks, new char[0]);
    return k;
  }

  static TrustManagerFactory tmf() throws Exception {
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    ts.setCertificateEntry("ca", cert("ca.pem"));
    TrustManagerFactory t =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    t.init(ts);
    return t;
  }

  static SSLContext context() throws Exception {
    SSLContext c = SSLContext.getInstance("TLSv1.2");
    c.init(kmf().getKeyManagers(), tmf().getTrustManagers(), null);
    return c;
  }

  /** Milliseconds from the launch the shell stamped (nanoseconds since the epoch) to now. */
  static long sinceLaunch(String launchNanos) {
    return System.currentTimeMillis() - Long.parseLong(launchNanos) / 1_000_000;
  }
}
