package dev.iotsys.sensor.esp8266temp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.spi.DeviceIdentity;
import dev.iotsys.spi.DevicePackage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Esp8266TempPackageReaderTest {
  private static final String PASSWORD = "pa$$ \"word\" \\ /";

  @TempDir Path home;

  private final FirmwareContract contract = FirmwareContract.bundled();
  private final Esp8266TempPackageReader reader = new Esp8266TempPackageReader(contract);
  private Path folder;

  @BeforeEach
  void write() throws IOException {
    folder = home.resolve("sensor-esp8266temp/sensors/kitchen");
    new Esp8266TempPackageWriter(contract)
        .write(
            new DevicePackage(
                "kitchen",
                "abc-ats.iot.us-east-1.amazonaws.com",
                8883,
                "esp8266temp/kitchen",
                "net",
                PASSWORD,
                new byte[] {1, 2, 3},
                new byte[] {4, 5},
                folder));
  }

  private void config(String json) throws IOException {
    Files.writeString(folder.resolve("config.json"), json);
  }

  @Test
  void read_givesBackWhatTheWriterWrote_withTheFirmwaresKeepalive() throws IOException {
    DeviceIdentity identity = reader.read(folder);

    assertEquals("kitchen", identity.thingName());
    assertEquals("abc-ats.iot.us-east-1.amazonaws.com", identity.endpoint());
    assertEquals(8883, identity.port());
    assertEquals("esp8266temp/kitchen", identity.topic());
    assertEquals(60, identity.keepaliveSeconds());
    assertArrayEquals(new byte[] {1, 2, 3}, identity.certificateDer());
    assertArrayEquals(new byte[] {4, 5}, identity.privateKeyDer());
    assertThat(identity.toString()).doesNotContain(PASSWORD);
  }

  @Test
  void read_withoutKeepalive_takesTheContractDefault_asSettingsPyDoes() throws IOException {
    config(
        "{\"thing_name\": \"kitchen\", \"endpoint\": \"e\", \"port\": 443, \"topic\":"
            + " \"esp8266temp/kitchen\", \"wifi_ssid\": \"n\", \"wifi_password\": \"\"}");

    DeviceIdentity identity = reader.read(folder);

    assertEquals(60, identity.keepaliveSeconds());
    assertEquals(443, identity.port());
  }

  @Test
  void read_refusesWhatTheFirmwareRefuses_namingTheKeyNotTheValue() throws IOException {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{\"endpoint\": \"e\"}", "lacks the required key 'thing_name'");
    cases.put(base("\"port\": \"8883\""), "'port' must be a whole number within 1..65535");
    cases.put(
        base("\"port\": 8883, \"keepalive_s\": 10"),
        "'keepalive_s' must be a whole number within 30..1200");
    cases.put(base("\"port\": 8883, \"thing_name\": \"\""), "'thing_name' must be a non-empty");
    cases.put("[1, 2]", "must hold a JSON object");
    cases.put(
        "{\"wifi_password\": \""
            + PASSWORD.replace("\\", "\\\\").replace("\"", "\\\"")
            + "\", oops}",
        "config.json is not valid JSON");
    for (Map.Entry<String, String> c : cases.entrySet()) {
      config(c.getKey());
      IOException e = assertThrows(IOException.class, () -> reader.read(folder), c.getKey());
      assertThat(e.getMessage()).contains(c.getValue()).doesNotContain("pa$$");
    }
  }

  private static String base(String extra) {
    return "{\"thing_name\": \"kitchen\", \"endpoint\": \"e\", \"topic\": \"esp8266temp/kitchen\","
        + " \"wifi_ssid\": \"n\", \"wifi_password\": \""
        + "p"
        + "\", "
        + extra
        + "}";
  }

  @Test
  void read_whenAFileIsMissing_namesIt() throws IOException {
    Files.delete(folder.resolve("cert.der"));

    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> reader.read(folder));

    assertEquals("cert.der is missing", e.getMessage());
  }

  /** The forms the firmware's own tests see the real interpreter publish (connect.test.mjs). */
  @Test
  void payload_isWhatMicroPythonsJsonDumpsWritesAfterTheFirmwaresRounding() {
    assertEquals("{\"temperature\": 19.25}", payload("19.25"));
    assertEquals("{\"temperature\": -3.5}", payload("-3.5"));
    assertEquals("{\"temperature\": 21.5}", payload("21.5"));
    assertEquals("{\"temperature\": 21.0}", payload("21"));
    assertEquals("{\"temperature\": 21.56}", payload("21.555"));
    assertEquals("{\"temperature\": -0.5}", payload("-0.50"));
    assertEquals("{\"temperature\": 125.0}", payload("125.00"));
  }

  private String payload(String value) {
    return new String(
        reader.payload(Map.of("temperature", new BigDecimal(value))), StandardCharsets.UTF_8);
  }
}
