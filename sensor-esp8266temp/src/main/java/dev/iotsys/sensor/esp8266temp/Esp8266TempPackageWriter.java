package dev.iotsys.sensor.esp8266temp;

import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.sensor.micropython.PackageFolder;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.KeyFormats;
import dev.iotsys.spi.PackageWrite;
import java.io.IOException;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The package copied onto an ESP8266: {@code cert.der} (X.509 DER), {@code key.der} (PKCS#1 DER,
 * the only form axTLS reads), {@code config.json} and the firmware files its contract lists, kept
 * as {@link PackageFolder} keeps every MicroPython package. The board checks no server, so it gets
 * no CA certificate.
 */
final class Esp8266TempPackageWriter implements DevicePackageWriter {
  static final String CERT = "cert.der";
  static final String KEY = "key.der";
  static final String CONFIG = "config.json";

  private final PackageFolder folder;

  Esp8266TempPackageWriter(FirmwareContract contract) {
    this.folder = new PackageFolder(contract, CONFIG, Esp8266TempSensorType.SETTING_KEYS);
  }

  @Override
  public PackageWrite write(DevicePackage p) throws IOException {
    if (!(p.privateKey() instanceof RSAPrivateCrtKey rsa)) {
      throw new IllegalArgumentException(
          "the ESP8266 reads only RSA keys (PKCS#1), not " + p.privateKey().getAlgorithm());
    }
    Map<String, byte[]> credentials = new LinkedHashMap<>();
    credentials.put(CERT, KeyFormats.der(p.certificate()));
    credentials.put(KEY, KeyFormats.pkcs1(rsa));
    return folder.write(p, credentials);
  }

  @Override
  public boolean isComplete(Path packageFolder) {
    return folder.isComplete(packageFolder, List.of(CERT, KEY));
  }

  /** The thresholds go into config.json, where the firmware's buffer compares each reading. */
  @Override
  public boolean writeThresholds(
      Path packageFolder,
      java.util.Map<String, java.util.Map<String, java.math.BigDecimal>> thresholds)
      throws IOException {
    return folder.writeThresholds(packageFolder, thresholds);
  }
}
