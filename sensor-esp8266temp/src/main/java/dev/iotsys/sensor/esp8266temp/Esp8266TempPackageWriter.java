package dev.iotsys.sensor.esp8266temp;

import dev.iotsys.sensor.micropython.DerPackageWriter;
import dev.iotsys.sensor.micropython.FirmwareContract;

/**
 * The package copied onto an ESP8266, as every axTLS board's is ({@link DerPackageWriter}): {@code
 * cert.der} (X.509 DER), {@code key.der} (PKCS#1 DER), {@code config.json} and the firmware files
 * its contract lists. The board checks no server, so it gets no CA certificate.
 */
final class Esp8266TempPackageWriter extends DerPackageWriter {
  Esp8266TempPackageWriter(FirmwareContract contract) {
    super(contract, Esp8266TempSensorType.SETTING_KEYS);
  }
}
