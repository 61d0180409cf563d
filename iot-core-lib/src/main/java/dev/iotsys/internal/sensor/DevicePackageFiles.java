package dev.iotsys.internal.sensor;

import dev.iotsys.internal.crypto.DeviceKey;
import dev.iotsys.internal.sensor.local.SensorFolders;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * A sensor's device package as {@code sensor test} needs it: where {@code sensor add} put it, and
 * its certificate and PKCS#1 key made usable for a TLS client, checked to belong together.
 */
public final class DevicePackageFiles {
  private final SensorFolders folders;

  public DevicePackageFiles(Path home) {
    this.folders = new SensorFolders(home);
  }

  /** {@code sensor-TYPE/sensors/NAME/} under the home folder. */
  public Path folder(String typeId, String thingName) {
    return folders.devicePackage(typeId, thingName);
  }

  /** A path as users see it: relative to the home folder. */
  public String show(Path path) {
    return folders.show(path);
  }

  /** The device's certificate and private key. */
  public record Credentials(X509Certificate certificate, PrivateKey privateKey) {}

  /**
   * Reads the package's certificate and key and checks that the certificate certifies the key.
   *
   * @param certificateDer the certificate, X.509 DER
   * @param privateKeyPkcs1Der the key, PKCS#1 DER (what the ESP8266's TLS stack reads)
   * @throws IllegalArgumentException with a sentence saying which file is wrong
   */
  public static Credentials credentials(byte[] certificateDer, byte[] privateKeyPkcs1Der) {
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(certificateDer));
    } catch (CertificateException | RuntimeException e) {
      throw new IllegalArgumentException("cert.der is not an X.509 certificate in DER form", e);
    }
    DeviceKey key;
    try {
      key = DeviceKey.fromPkcs1(privateKeyPkcs1Der);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "key.der is not an RSA private key in PKCS#1 DER form (the only form the board"
              + " reads)",
          e);
    }
    if (!key.matches(certificate)) {
      throw new IllegalArgumentException(
          "cert.der does not certify the key in key.der: the two"
              + " files come from different runs of 'sensor add'");
    }
    return new Credentials(certificate, key.privateKey());
  }
}
