package dev.iotsys.sensor.esp8266temp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.spi.DevicePackage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Esp8266TempPackageWriterTest {
  private static final String PASSWORD = "a/b & \"c\" \\d $HOME e";

  @TempDir
  Path home;

  private final FirmwareContract contract = FirmwareContract.bundled();
  private final Esp8266TempPackageWriter writer = new Esp8266TempPackageWriter(contract);

  private DevicePackage pkg(String password) {
    return new DevicePackage("kitchen", "abc-ats.iot.us-east-1.amazonaws.com", 8883,
        "esp8266temp/kitchen", "my ssid", password, new byte[] {1, 2, 3}, new byte[] {4, 5},
        home.resolve("sensor-esp8266temp/sensors/kitchen"));
  }

  @Test
  void write_putsDerFilesConfigAndFirmware_private() throws Exception {
    DevicePackage p = pkg(PASSWORD);
    assertFalse(writer.isComplete(p.folder()));

    assertTrue(writer.write(p));

    assertTrue(writer.isComplete(p.folder()));
    assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(p.folder().resolve("cert.der")));
    assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(p.folder().resolve("key.der")));
    for (String file : contract.files()) {
      assertArrayEquals(contract.file(file), Files.readAllBytes(p.folder().resolve(file)), file);
    }
    assertEquals("rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(p.folder())));
    try (Stream<Path> files = Files.list(p.folder())) {
      files.forEach(f -> assertEquals("rw-------", permissions(f), f.toString()));
    }
  }

  @Test
  void config_holdsTheSixKeysAndEverySettingDefault_andAnyPasswordSurvives() throws Exception {
    DevicePackage p = pkg(PASSWORD);
    writer.write(p);

    JsonNode config = new ObjectMapper().readTree(p.folder().resolve("config.json").toFile());

    assertEquals("kitchen", config.get("thing_name").asText());
    assertEquals("abc-ats.iot.us-east-1.amazonaws.com", config.get("endpoint").asText());
    assertEquals(8883, config.get("port").asInt());
    assertTrue(config.get("port").isInt());
    assertEquals("esp8266temp/kitchen", config.get("topic").asText());
    assertEquals("my ssid", config.get("wifi_ssid").asText());
    assertEquals(PASSWORD, config.get("wifi_password").asText());
    ObjectMapper json = new ObjectMapper();
    contract.settings().forEach((key, value) ->
        assertEquals(json.valueToTree(value), config.get(key), key));
    assertEquals(6 + contract.settings().size(), config.size());
  }

  @Test
  void write_again_changesNothing_butANewPasswordRewritesTheConfig() throws Exception {
    writer.write(pkg(PASSWORD));
    assertFalse(writer.write(pkg(PASSWORD)));
    assertTrue(writer.write(pkg("another password")));
    assertThat(Files.readString(pkg(PASSWORD).folder().resolve("config.json")))
        .contains("another password");
  }

  @Test
  void isComplete_whenAFirmwareFileIsMissing_isFalse() throws Exception {
    DevicePackage p = pkg(PASSWORD);
    writer.write(p);
    Files.delete(p.folder().resolve(contract.files().get(0)));
    assertFalse(writer.isComplete(p.folder()));
  }

  @Test
  void devicePackage_toString_hidesThePassword() {
    assertThat(pkg(PASSWORD).toString()).doesNotContain(PASSWORD).contains("(hidden)");
  }

  private static String permissions(Path f) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
