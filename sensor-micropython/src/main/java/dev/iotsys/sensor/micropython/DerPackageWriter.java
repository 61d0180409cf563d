package dev.iotsys.sensor.micropython;

import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.KeyFormats;
import dev.iotsys.spi.PackageWrite;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a package as a board with axTLS (MicroPython on the ESP8266) reads it, its files named by
 * the firmware's contract: the device certificate (X.509 DER), its key (PKCS#1 DER, the only form
 * axTLS reads), {@code config.json} with the alert thresholds the firmware compares, and the
 * firmware files, kept as {@link PackageFolder} keeps every MicroPython package. axTLS checks no
 * server, so the board gets no CA certificate. A type's writer extends this one, or a generated
 * type's does; {@link DerPackageReader} reads what it writes.
 */
public class DerPackageWriter implements DevicePackageWriter {
  private final FirmwareContract contract;
  private final PackageFolder folder;

  /**
   * A writer of the packages the contract describes.
   *
   * @param contract the type's firmware contract: its package files by role and its settings
   * @param settingKeys the config.json key of each device setting of the type
   */
  public DerPackageWriter(FirmwareContract contract, Map<String, String> settingKeys) {
    this.contract = contract;
    this.folder = new PackageFolder(contract, contract.packageFile("config"), settingKeys);
  }

  @Override
  public PackageWrite write(DevicePackage p) throws IOException {
    if (!(p.privateKey() instanceof RSAPrivateCrtKey rsa)) {
      throw new IllegalArgumentException(
          "the ESP8266 reads only RSA keys (PKCS#1), not " + p.privateKey().getAlgorithm());
    }
    Map<String, byte[]> credentials = new LinkedHashMap<>();
    credentials.put(contract.packageFile("certificate"), KeyFormats.der(p.certificate()));
    credentials.put(contract.packageFile("key"), KeyFormats.pkcs1(rsa));
    return folder.write(p, credentials);
  }

  @Override
  public boolean isComplete(Path packageFolder) {
    return folder.isComplete(
        packageFolder, List.of(contract.packageFile("certificate"), contract.packageFile("key")));
  }

  /** The thresholds go into config.json, where the firmware's buffer compares each reading. */
  @Override
  public boolean writeThresholds(
      Path packageFolder, Map<String, Map<String, BigDecimal>> thresholds) throws IOException {
    return folder.writeThresholds(packageFolder, thresholds);
  }
}
