package dev.iotsys.sensor.esp8266temp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Esp8266TempPackageReaderTest {
  private static final String PASSWORD = "pa$$ \"word\" \\ /";

  @TempDir Path home;

  private static final DeviceCredentials DEVICE =
      DeviceCredentials.make("kitchen", KeyAlgorithm.RSA_2048);

  private final FirmwareContract contract = new Esp8266TempSensorType().contract();
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
                DEVICE.certificate(),
                DEVICE.privateKey(),
                folder));
  }

  private void config(String json) throws IOException {
    Files.writeString(folder.resolve("config.json"), json);
  }

  @Test
  void read_givesBackWhatTheWriterWrote_asTheBoardConnects() throws IOException {
    DeviceConnection identity = reader.read(folder);

    assertEquals("kitchen", identity.clientId());
    assertEquals("abc-ats.iot.us-east-1.amazonaws.com", identity.endpoint());
    assertEquals(8883, identity.port());
    assertEquals("esp8266temp/kitchen", identity.topic());
    assertEquals(60, identity.keepaliveSeconds());
    assertEquals(List.of(DEVICE.certificate()), identity.certificateChain());
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) identity.privateKey();
    RSAPrivateCrtKey given = (RSAPrivateCrtKey) DEVICE.privateKey();
    assertEquals(given.getModulus(), key.getModulus());
    assertEquals(given.getPrivateExponent(), key.getPrivateExponent());
    // axTLS: TLS 1.2 only, and no server check at all.
    assertEquals(List.of("TLSv1.2"), identity.tlsVersions());
    assertEquals(List.of(), identity.trustAnchors());
    assertEquals(Optional.empty(), identity.alpn());
    assertThat(identity.toString()).doesNotContain(PASSWORD);
  }

  /**
   * What a key converted without -traditional looks like to the board: the same RSA key as PKCS#8,
   * which the JDK would read and axTLS does not; and bytes that are no key at all.
   */
  @Test
  void read_whenKeyDerIsNotAPkcs1RsaKey_namesTheFileAndTheFormTheBoardReads() throws IOException {
    for (byte[] notPkcs1 : List.of(DEVICE.privateKey().getEncoded(), new byte[] {48, 3, 2, 1, 0})) {
      Files.write(folder.resolve("key.der"), notPkcs1);

      IOException e = assertThrows(IOException.class, () -> reader.read(folder));

      assertThat(e.getMessage())
          .isEqualTo(
              "key.der is not an RSA private key in PKCS#1 DER form (the only form the board"
                  + " reads)");
    }
  }

  @Test
  void read_withoutKeepalive_takesTheContractDefault_asSettingsPyDoes() throws IOException {
    config(
        "{\"thing_name\": \"kitchen\", \"endpoint\": \"e\", \"port\": 443, \"topic\":"
            + " \"esp8266temp/kitchen\", \"wifi_ssid\": \"n\", \"wifi_password\": \"\"}");

    DeviceConnection identity = reader.read(folder);

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

  /**
   * Byte for byte what the firmware publishes, for every DS18B20 and DHT22 step of the fixture the
   * firmware suite writes from the firmware's own code in MicroPython (DEVICE-CONTRACT.md).
   */
  @Test
  void payload_isTheFirmwaresMessage_forEveryEntryOfItsFixture() throws IOException {
    PayloadFixtures.assertReaderWritesTheFirmwaresPayloads(new Esp8266TempSensorType());
  }
}
