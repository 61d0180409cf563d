package dev.iotsys.sensor.micropython;

import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.KeyFormats;
import dev.iotsys.spi.PackageWrite;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a package as a board with mbedTLS (MicroPython on the ESP32) reads it, its files named by
 * the firmware's contract: the device certificate chain (PEM), its private key (PKCS#8 PEM, EC or
 * RSA: mbedTLS reads both), the Amazon root CAs the board checks AWS IoT's certificate against
 * (PEM, concatenated, as {@code cadata} takes them), {@code config.json} with the alert thresholds
 * the firmware compares, and the firmware files, kept as {@link PackageFolder} keeps every
 * MicroPython package. A type's writer extends this one, or a generated type's does; {@link
 * PemPackageReader} reads what it writes.
 */
public class PemPackageWriter implements DevicePackageWriter {
  private final FirmwareContract contract;
  private final PackageFolder folder;

  /**
   * A writer of the packages the contract describes.
   *
   * @param contract the type's firmware contract: its package files by role and its settings
   * @param settingKeys the config.json key of each device setting of the type
   */
  public PemPackageWriter(FirmwareContract contract, Map<String, String> settingKeys) {
    this.contract = contract;
    this.folder = new PackageFolder(contract, contract.packageFile("config"), settingKeys);
  }

  @Override
  public PackageWrite write(DevicePackage p) throws IOException {
    Map<String, byte[]> credentials = new LinkedHashMap<>();
    credentials.put(
        contract.packageFile("certificate"), ascii(KeyFormats.pem(p.certificateChain())));
    credentials.put(contract.packageFile("key"), ascii(KeyFormats.pkcs8Pem(p.privateKey())));
    credentials.put(contract.packageFile("trust"), ascii(KeyFormats.pem(AmazonRoots.fromJdk())));
    return folder.write(p, credentials);
  }

  @Override
  public boolean isComplete(Path packageFolder) {
    return folder.isComplete(
        packageFolder,
        List.of(
            contract.packageFile("certificate"),
            contract.packageFile("key"),
            contract.packageFile("trust")));
  }

  /** The thresholds go into config.json, where the firmware's buffer compares each reading. */
  @Override
  public boolean writeThresholds(
      Path packageFolder, Map<String, Map<String, BigDecimal>> thresholds) throws IOException {
    return folder.writeThresholds(packageFolder, thresholds);
  }

  private static byte[] ascii(String pem) {
    return pem.getBytes(StandardCharsets.US_ASCII);
  }
}
