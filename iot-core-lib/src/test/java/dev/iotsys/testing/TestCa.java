package dev.iotsys.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A test CA in a folder, made by the test moto launcher ({@code moto_server.py --make-ca}): the
 * CA's certificate and key, a broker certificate for localhost and a test-side client certificate
 * ({@link #SUBSCRIBER}). {@link #shared()} is the CA the test JVM's moto signs device certificates
 * with (see {@link MotoServer}), so a package made by {@code sensor add} is trusted by a broker
 * that trusts this CA, as AWS IoT trusts the certificates it issued. {@link #other(String)} makes
 * an unrelated CA for the cases where trust must fail.
 */
public final class TestCa {
  /** The common name of the test-side client certificate. */
  public static final String SUBSCRIBER = "iotsys-test-subscriber";

  private static TestCa shared;
  private static Path launcher;

  private final Path folder;

  private TestCa(Path folder) {
    this.folder = folder;
  }

  /** The CA of this JVM's moto server: {@code target/test-ca} of the module under test. */
  public static synchronized TestCa shared() {
    if (shared == null) {
      shared = make(Path.of("target", "test-ca").toAbsolutePath(), "iotsys test CA");
    }
    return shared;
  }

  /** Another CA, which signed neither moto's certificates nor the shared broker's. */
  public static synchronized TestCa other(String name) {
    return make(Path.of("target", "test-ca-" + name).toAbsolutePath(), "iotsys " + name + " CA");
  }

  private static TestCa make(Path folder, String caName) {
    if (!Files.isRegularFile(folder.resolve("subscriber.key"))) {
      run(launcher().toString(), "--make-ca", folder.toString(), caName);
    }
    return new TestCa(folder);
  }

  /** The test moto launcher, copied out of the test jar once per JVM. */
  static synchronized Path launcher() {
    if (launcher == null) {
      try (InputStream in = MotoServer.class.getResourceAsStream("moto_server.py")) {
        Path file = Files.createTempFile("iotsys-moto-", ".py");
        file.toFile().deleteOnExit();
        Files.write(file, in.readAllBytes());
        launcher = file;
      } catch (IOException e) {
        throw new IllegalStateException("Cannot copy the moto launcher: " + e, e);
      }
    }
    return launcher;
  }

  static String python() {
    String python = System.getenv("IOTSYS_PYTHON");
    return python == null || python.isBlank() ? "python3" : python;
  }

  private static void run(String... args) {
    try {
      Process p = new ProcessBuilder(concat(python(), args)).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("Cannot make the test CA: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot make the test CA (is python3 with the cryptography"
              + " package, which moto needs, installed?): "
              + e,
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  public Path folder() {
    return folder;
  }

  /** The CA's certificate, PEM. */
  public Path caPem() {
    return folder.resolve("ca.pem");
  }

  public Path caKey() {
    return folder.resolve("ca.key");
  }

  /** A broker certificate for localhost and 127.0.0.1, PEM. */
  public Path brokerPem() {
    return folder.resolve("broker.pem");
  }

  public Path brokerKey() {
    return folder.resolve("broker.key");
  }

  public Path subscriberPem() {
    return folder.resolve("subscriber.pem");
  }

  public Path subscriberKey() {
    return folder.resolve("subscriber.key");
  }

  /** The CA's certificate. */
  public X509Certificate caCertificate() {
    try {
      return (X509Certificate) certificate(caPem());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read " + caPem() + ": " + e, e);
    }
  }

  /** The CA's private key, for a test that issues certificates ({@link DeviceCredentials}). */
  public PrivateKey caPrivateKey() {
    try {
      return privateKey(caKey());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot read " + caKey() + ": " + e, e);
    }
  }

  /** TLS as a server presenting the given certificate and key, trusting only this CA's clients. */
  public SSLContext serverContext(X509Certificate certificate, PrivateKey key) {
    return context(certificate, key);
  }

  /** TLS as this CA's broker, trusting only the clients of another CA. */
  public SSLContext serverContextTrusting(TestCa clients) {
    try {
      return context(certificate(brokerPem()), privateKey(brokerKey()), clients.caPem());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot load " + brokerPem() + ": " + e, e);
    }
  }

  /** TLS as the test-side subscriber: its certificate, trusting only this CA. */
  public SSLContext subscriberContext() {
    return context(subscriberPem(), subscriberKey());
  }

  /** TLS as the broker: its certificate, trusting only this CA's clients. */
  public SSLContext brokerContext() {
    return context(brokerPem(), brokerKey());
  }

  private SSLContext context(Path certificate, Path key) {
    try {
      return context(certificate(certificate), privateKey(key));
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot load " + certificate + ": " + e, e);
    }
  }

  private SSLContext context(Certificate certificate, PrivateKey key) {
    return context(certificate, key, caPem());
  }

  private SSLContext context(Certificate certificate, PrivateKey key, Path trusted) {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("me", key, new char[0], new Certificate[] {certificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, new char[0]);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", certificate(trusted));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot set up TLS with " + certificate + ": " + e, e);
    }
  }

  private static Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
    String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
  }
}
