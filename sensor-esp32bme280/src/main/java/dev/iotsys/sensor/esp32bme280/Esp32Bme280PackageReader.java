package dev.iotsys.sensor.esp32bme280;

import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.sensor.micropython.PemPackageReader;

/**
 * Reads an ESP32 package as its firmware does: {@code cert.pem}, {@code key.pem} (PKCS#8, EC or
 * RSA), {@code ca.pem} (the Amazon roots the board checks the server against) and {@code
 * config.json}, as every mbedTLS board's package is read.
 */
final class Esp32Bme280PackageReader extends PemPackageReader {
  Esp32Bme280PackageReader(FirmwareContract contract) {
    super(contract);
  }
}
