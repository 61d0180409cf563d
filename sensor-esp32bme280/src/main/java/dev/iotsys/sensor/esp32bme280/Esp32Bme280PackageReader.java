package dev.iotsys.sensor.esp32bme280;

import dev.iotsys.sensor.micropython.DeviceConfig;
import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.sensor.micropython.PackageFolder;
import dev.iotsys.sensor.micropython.Payload;
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
 * Reads an ESP32 package as its firmware does: the certificate chain, the private key (PKCS#8 PEM,
 * EC or RSA), the CA certificates the board checks the server against (with the endpoint's name:
 * the firmware passes {@code server_hostname} with {@code CERT_REQUIRED}) and {@code config.json},
 * whose optional settings take the contract's defaults. Messages name files and keys, never values:
 * {@code config.json} holds the Wi-Fi password.
 */
final class Esp32Bme280PackageReader implements DevicePackageReader {
  /**
   * MicroPython's ESP32 builds take ESP-IDF's mbedTLS configuration, whose TLS 1.3 is off by
   * default: the board speaks TLS 1.2, which AWS IoT serves.
   */
  static final List<String> TLS_VERSIONS = List.of("TLSv1.2");

  private final FirmwareContract contract;

  Esp32Bme280PackageReader(FirmwareContract contract) {
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

  /** The message as DEVICE-CONTRACT.md fixes it: hundredths rounded half away from zero. */
  @Override
  public byte[] payload(Map<String, BigDecimal> values) {
    return Payload.json(values);
  }
}
