package {{package}};

import dev.iotsys.sensor.micropython.AmazonRoots;
import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.sensor.micropython.PackageFolder;
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
 * The package copied onto the ESP32, its files named by the firmware's contract: the device
 * certificate (PEM), its private key (PKCS#8 PEM, EC or RSA: mbedTLS reads both), the Amazon root
 * CAs the board checks AWS IoT's certificate against, {@code config.json} and the firmware files.
 */
final class {{Name}}PackageWriter implements DevicePackageWriter {
  private final FirmwareContract contract;
  private final PackageFolder folder;

  {{Name}}PackageWriter(FirmwareContract contract) {
    this.contract = contract;
    this.folder =
        new PackageFolder(
            contract, contract.packageFile("config"), {{Name}}SensorType.SETTING_KEYS);
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

  private static byte[] ascii(String pem) {
    return pem.getBytes(StandardCharsets.US_ASCII);
  }

  /** The thresholds go into config.json, where the firmware's buffer compares each reading. */
  @Override
  public boolean writeThresholds(
      Path packageFolder, Map<String, Map<String, BigDecimal>> thresholds) throws IOException {
    return folder.writeThresholds(packageFolder, thresholds);
  }
}
