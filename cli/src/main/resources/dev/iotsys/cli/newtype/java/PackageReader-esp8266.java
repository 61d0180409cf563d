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
 * Reads the ESP8266 package as its firmware does: the certificate (DER), the RSA key (PKCS#1 DER)
 * and {@code config.json}. axTLS speaks TLS 1.2 and checks no server: no trust anchors.
 */
final class {{Name}}PackageReader implements DevicePackageReader {
  /** axTLS speaks TLS 1.2 and nothing newer. */
  static final List<String> TLS_VERSIONS = List.of("TLSv1.2");

  private final FirmwareContract contract;

  {{Name}}PackageReader(FirmwareContract contract) {
    this.contract = contract;
  }

  @Override
  public DeviceConnection read(Path folder) throws IOException {
    String keyFile = contract.packageFile("key");
    List<X509Certificate> chain =
        PackageFolder.certificates(folder, contract.packageFile("certificate"), "DER");
    byte[] key = PackageFolder.file(folder, keyFile);
    DeviceConfig config = DeviceConfig.read(folder, contract.packageFile("config"), contract);
    PrivateKey privateKey;
    try {
      privateKey = KeyFormats.privateKey(key);
    } catch (IllegalArgumentException e) {
      throw new IOException(keyFile + " is not an RSA private key in PKCS#1 DER form", e);
    }
    return config.connection(chain, privateKey, List.of(), TLS_VERSIONS);
  }

  /** The message the firmware's message.py writes: hundredths, rounded half away from zero. */
  @Override
  public byte[] payload(Map<String, BigDecimal> values) {
    return Payload.json(values);
  }
}
