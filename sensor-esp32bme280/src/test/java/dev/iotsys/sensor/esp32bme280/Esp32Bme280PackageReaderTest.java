package dev.iotsys.sensor.esp32bme280;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.sensor.micropython.AmazonRoots;
import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.spi.DeviceConnection;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.testing.DeviceCredentials;
import dev.iotsys.testing.PayloadFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Esp32Bme280PackageReaderTest {
  private static final String PASSWORD = "pa$$ \"word\" \\ /";
  private static final DeviceCredentials DEVICE =
      DeviceCredentials.make("porch", KeyAlgorithm.EC_P256);

  @TempDir Path home;

  private final FirmwareContract contract = new Esp32Bme280SensorType().contract();
  private final Esp32Bme280PackageReader reader = new Esp32Bme280PackageReader(contract);
  private Path folder;

  @BeforeEach
  void write() throws IOException {
    folder = home.resolve("sensor-esp32bme280/sensors/porch");
    new Esp32Bme280PackageWriter(contract)
        .write(
            new DevicePackage(
                "porch",
                "abc-ats.iot.eu-west-1.amazonaws.com",
                8883,
                "esp32bme280/porch",
                "net",
                PASSWORD,
                DEVICE.certificate(),
                DEVICE.privateKey(),
                folder));
  }

  @Test
  void read_givesWhatTheBoardConnectsWith_itsEcKey_andTheAmazonRootsItChecksTheServerWith()
      throws IOException {
    DeviceConnection device = reader.read(folder);

    assertEquals("porch", device.clientId());
    assertEquals("abc-ats.iot.eu-west-1.amazonaws.com", device.endpoint());
    assertEquals(8883, device.port());
    assertEquals("esp32bme280/porch", device.topic());
    assertEquals(60, device.keepaliveSeconds());
    assertEquals(List.of(DEVICE.certificate()), device.certificateChain());
    assertEquals(
        ((ECPrivateKey) DEVICE.privateKey()).getS(), ((ECPrivateKey) device.privateKey()).getS());
    assertEquals(AmazonRoots.fromJdk(), device.trustAnchors());
    assertEquals(List.of("TLSv1.2"), device.tlsVersions());
    assertEquals(Optional.empty(), device.alpn());
    assertThat(device.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void read_whenCaPemIsMissing_namesIt() throws IOException {
    Files.delete(folder.resolve("ca.pem"));

    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> reader.read(folder));

    assertEquals("ca.pem is missing", e.getMessage());
  }

  @Test
  void read_whenKeyPemHoldsNoKey_namesTheFile_withoutItsContent() throws IOException {
    Files.writeString(folder.resolve("key.pem"), "secret text");

    IOException e = assertThrows(IOException.class, () -> reader.read(folder));

    assertEquals("key.pem is not a private key in PEM form", e.getMessage());
  }

  /**
   * Byte for byte what the firmware publishes, for every raw BME280 reading of the fixture the
   * firmware suite writes from the firmware's own code in MicroPython (DEVICE-CONTRACT.md).
   */
  @Test
  void payload_isTheFirmwaresMessage_forEveryEntryOfItsFixture() throws IOException {
    PayloadFixtures.assertReaderWritesTheFirmwaresPayloads(new Esp32Bme280SensorType());
  }
}
