package dev.iotsys.sensor.micropython;

import dev.iotsys.spi.DeviceConnection;
import dev.iotsys.spi.DevicePackageReader;
import dev.iotsys.spi.KeyFormats;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * Reads a package as a board with mbedTLS (MicroPython on the ESP32) reads it: the contract's
 * certificate chain and CA certificates in PEM, its private key as PKCS#8 PEM (EC or RSA), checked
 * against the CA certificates with the endpoint's name (the firmware passes {@code server_hostname}
 * with {@code CERT_REQUIRED}), and its {@code config.json}, whose optional settings take the
 * contract's defaults. Messages name files and keys, never values: the config holds the Wi-Fi
 * password. A type's reader extends this one, or a generated type's does.
 */
public class PemPackageReader implements DevicePackageReader {
  /**
   * MicroPython's ESP32 builds take ESP-IDF's mbedTLS configuration, whose TLS 1.3 is off by
   * default: the board speaks TLS 1.2, which AWS IoT serves.
   */
  public static final List<String> TLS_VERSIONS = List.of("TLSv1.2");

  private final FirmwareContract contract;

  /**
   * A reader of the packages the contract describes.
   *
   * @param contract the type's firmware contract: its package files by role (certificate, key,
   *     trust, config) and its settings
   */
  public PemPackageReader(FirmwareContract contract) {
    this.contract = contract;
  }

  @Override
  public DeviceConnection read(Path folder) throws IOException {
    String keyFile = contract.packageFile("key");
    List<X509Certificate> chain =
        PackageFolder.certificates(folder, contract.packageFile("certificate"), "PEM");
    byte[] key = PackageFolder.file(folder, keyFile);
    List<X509Certificate> anchors =
        PackageFolder.certificates(folder, contract.packageFile("trust"), "PEM");
    DeviceConfig config = DeviceConfig.read(folder, contract.packageFile("config"), contract);
    PrivateKey privateKey;
    try {
      privateKey = KeyFormats.privateKey(key);
    } catch (IllegalArgumentException e) {
      throw new IOException(keyFile + " is not a private key in PEM form", e);
    }
    return config.connection(chain, privateKey, anchors, TLS_VERSIONS);
  }

  /** The message as the firmware's message.py writes it: hundredths, half away from zero. */
  @Override
  public byte[] payload(Map<String, BigDecimal> values) {
    return Payload.json(values);
  }
}
