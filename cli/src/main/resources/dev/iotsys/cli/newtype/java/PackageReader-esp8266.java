package {{package}};

import dev.iotsys.sensor.micropython.DerPackageReader;
import dev.iotsys.sensor.micropython.FirmwareContract;

/**
 * Reads the ESP8266 package as its firmware does: the certificate (DER), the RSA key (PKCS#1 DER,
 * the only form axTLS reads) and {@code config.json}. 'iotsys sensor test' connects as the board
 * with what this returns. Override {@code read} only if the board's files differ from what
 * contract.json lists.
 */
final class {{Name}}PackageReader extends DerPackageReader {
  {{Name}}PackageReader(FirmwareContract contract) {
    super(contract);
  }
}
