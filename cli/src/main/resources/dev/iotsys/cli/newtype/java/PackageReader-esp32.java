package {{package}};

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
 * Reads the ESP32 package as its firmware does: the certificate chain, the private key (PKCS#8
 * PEM), the CA certificates the board checks the server against and {@code config.json}. 'iotsys
 * sensor test' connects as the board with what this returns.
 */
final class {{Name}}PackageReader implements DevicePackageReader {
  /** MicroPython's ESP32 builds speak TLS 1.2 (ESP-IDF's mbedTLS has 1.3 off). */
  static final List<String> TLS_VERSIONS = List.of("TLSv1.2");

  private final FirmwareContract contract;

  {{Name}}PackageReader(FirmwareContract contract) {
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

  /** The message the firmware's message.py writes: hundredths, rounded half away from zero. */
  @Override
  public byte[] payload(Map<String, BigDecimal> values) {
    return Payload.json(values);
  }
}
