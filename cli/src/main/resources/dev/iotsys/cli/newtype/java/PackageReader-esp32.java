package {{package}};

import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.sensor.micropython.PemPackageReader;

/**
 * Reads the ESP32 package as its firmware does: the certificate chain, the private key (PKCS#8
 * PEM), the CA certificates the board checks the server against and {@code config.json}. 'iotsys
 * sensor test' connects as the board with what this returns. Override {@code read} only if the
 * board's files differ from what contract.json lists.
 */
final class {{Name}}PackageReader extends PemPackageReader {
  {{Name}}PackageReader(FirmwareContract contract) {
    super(contract);
  }
}
