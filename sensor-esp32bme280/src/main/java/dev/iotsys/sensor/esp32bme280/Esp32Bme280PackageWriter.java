package dev.iotsys.sensor.esp32bme280;

import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.sensor.micropython.PemPackageWriter;

/**
 * The package copied onto an ESP32, as every mbedTLS board's is ({@link PemPackageWriter}): the
 * device certificate and key in PEM, the Amazon root CAs, {@code config.json} and the firmware
 * files, named by its contract.
 */
final class Esp32Bme280PackageWriter extends PemPackageWriter {
  Esp32Bme280PackageWriter(FirmwareContract contract) {
    super(contract, Esp32Bme280SensorType.SETTING_KEYS);
  }
}
