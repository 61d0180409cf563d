package {{package}};

import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.sensor.micropython.PemPackageWriter;

/**
 * The package copied onto the ESP32, as every mbedTLS board's is ({@link PemPackageWriter}): the
 * device certificate (PEM), its private key (PKCS#8 PEM, EC or RSA), the Amazon root CAs the board
 * checks AWS IoT's certificate against, {@code config.json} and the firmware files, named by the
 * firmware's contract.
 */
final class {{Name}}PackageWriter extends PemPackageWriter {
  {{Name}}PackageWriter(FirmwareContract contract) {
    super(contract, {{Name}}SensorType.SETTING_KEYS);
  }
}
