package dev.iotsys.sensor.esp8266temp;

import dev.iotsys.sensor.micropython.DerPackageReader;
import dev.iotsys.sensor.micropython.FirmwareContract;

/**
 * Reads an ESP8266 package as {@code settings.py} and {@code net.py} do on the board: {@code
 * cert.der}, {@code key.der} (RSA, PKCS#1) and {@code config.json}, as every axTLS board's package
 * is read.
 */
final class Esp8266TempPackageReader extends DerPackageReader {
  Esp8266TempPackageReader(FirmwareContract contract) {
    super(contract);
  }
}
