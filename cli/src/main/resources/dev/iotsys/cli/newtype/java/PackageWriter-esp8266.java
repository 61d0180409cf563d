package {{package}};

import dev.iotsys.sensor.micropython.DerPackageWriter;
import dev.iotsys.sensor.micropython.FirmwareContract;

/**
 * The package copied onto the ESP8266, as every axTLS board's is ({@link DerPackageWriter}): the
 * device certificate (X.509 DER), its key (PKCS#1 DER, the only form axTLS reads), {@code
 * config.json} and the firmware files, named by the firmware's contract. axTLS checks no server,
 * so the board gets no CA certificate.
 */
final class {{Name}}PackageWriter extends DerPackageWriter {
  {{Name}}PackageWriter(FirmwareContract contract) {
    super(contract, {{Name}}SensorType.SETTING_KEYS);
  }
}
