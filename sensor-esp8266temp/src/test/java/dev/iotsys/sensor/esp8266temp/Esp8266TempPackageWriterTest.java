package dev.iotsys.sensor.esp8266temp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.sensor.micropython.PackageFolder;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.testing.DeviceCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Esp8266TempPackageWriterTest {
  private static final String PASSWORD = "a/b & \"c\" \\d $HOME e";

  @TempDir Path home;

  private static final DeviceCredentials DEVICE =
      DeviceCredentials.make("kitchen", KeyAlgorithm.RSA_2048);

  private final FirmwareContract contract = new Esp8266TempSensorType().contract();
  private final Esp8266TempPackageWriter writer = new Esp8266TempPackageWriter(contract);

  /** A firmware file, whichever the contract lists first: the Java side names none itself. */
  private final String firmwareFile = contract.files().get(0);

  private DevicePackage pkg(String password) {
    return pkg(password, DEVICE);
  }

  private DevicePackage pkg(String password, DeviceCredentials device) {
    return new DevicePackage(
        "kitchen",
        "abc-ats.iot.us-east-1.amazonaws.com",
        8883,
        "esp8266temp/kitchen",
        "my ssid",
        password,
        device.certificate(),
        device.privateKey(),
        home.resolve("sensor-esp8266temp/sensors/kitchen"));
  }

  @Test
  void write_putsDerFilesConfigAndFirmware_private() throws Exception {
    DevicePackage p = pkg(PASSWORD);
    assertFalse(writer.isComplete(p.folder()));

    assertTrue(writer.write(p).changed());

    assertTrue(writer.isComplete(p.folder()));
    assertArrayEquals(
        DEVICE.certificate().getEncoded(), Files.readAllBytes(p.folder().resolve("cert.der")));
    // PKCS#1, read by BouncyCastle: the modulus and private exponent of the key handed over.
    RSAPrivateKey pkcs1 =
        RSAPrivateKey.getInstance(Files.readAllBytes(p.folder().resolve("key.der")));
    RSAPrivateCrtKey given = (RSAPrivateCrtKey) DEVICE.privateKey();
    assertEquals(given.getModulus(), pkcs1.getModulus());
    assertEquals(given.getPrivateExponent(), pkcs1.getPrivateExponent());
    for (String file : contract.files()) {
      assertArrayEquals(contract.file(file), Files.readAllBytes(p.folder().resolve(file)), file);
    }
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p.folder())));
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
    contract
        .settings()
        .forEach((key, value) -> assertEquals(json.valueToTree(value), config.get(key), key));
    assertEquals(6 + contract.settings().size(), config.size());
  }

  @Test
  void write_again_changesNothing_butANewPasswordRewritesTheConfig() throws Exception {
    writer.write(pkg(PASSWORD));
    assertFalse(writer.write(pkg(PASSWORD)).changed());
    assertTrue(writer.write(pkg("another password")).changed());
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

  private DevicePackage withSettings(java.util.Map<String, Object> settings, boolean overwrite) {
    DevicePackage p = pkg(PASSWORD);
    return new DevicePackage(
        p.thingName(),
        p.endpoint(),
        p.port(),
        p.topic(),
        p.wifiSsid(),
        p.wifiPassword(),
        p.certificateChain(),
        p.privateKey(),
        p.folder(),
        settings,
        overwrite);
  }

  private JsonNode config(DevicePackage p) throws Exception {
    return new ObjectMapper().readTree(p.folder().resolve("config.json").toFile());
  }

  @Test
  void settingsGiven_goIntoConfig_andALaterRunKeepsThemAndChangesOnlyWhatItIsTold()
      throws Exception {
    writer.write(
        withSettings(java.util.Map.of("sensor", "dht22", "pin", 4, "interval", 600), false));
    DevicePackage later = withSettings(java.util.Map.of("mode", "always_on"), false);
    writer.write(later);

    JsonNode config = config(later);
    assertEquals("dht22", config.get("sensor").asText());
    assertEquals(4, config.get("pin").asInt());
    assertEquals(600, config.get("interval_s").asInt());
    assertEquals("always_on", config.get("mode").asText());
    assertEquals(60, config.get("keepalive_s").asInt());
  }

  @Test
  void aSettingEditedByHand_andAKeyIotsysDoesNotKnow_areKept() throws Exception {
    DevicePackage p = pkg(PASSWORD);
    writer.write(p);
    Path file = p.folder().resolve("config.json");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("\"interval_s\" : 300", "\"interval_s\" : 900, \"led\" : true"));

    assertThat(writer.write(p).notes()).isEmpty();

    JsonNode config = config(p);
    assertEquals(900, config.get("interval_s").asInt());
    assertTrue(config.get("led").asBoolean());
  }

  @Test
  void anEndpointEditedByHand_isKeptWithANote_unlessOverwriting() throws Exception {
    DevicePackage p = pkg(PASSWORD);
    writer.write(p);
    Path file = p.folder().resolve("config.json");
    Files.writeString(
        file,
        Files.readString(file).replace("abc-ats.iot.us-east-1.amazonaws.com", "192.168.1.20"));

    var kept = writer.write(p);
    assertEquals("192.168.1.20", config(p).get("endpoint").asText());
    assertThat(kept.notes())
        .singleElement()
        .asString()
        .contains("endpoint was edited by hand (192.168.1.20", "--overwrite-package")
        .doesNotContain(PASSWORD);

    var replaced = writer.write(withSettings(java.util.Map.of(), true));
    assertTrue(replaced.changed());
    assertEquals("abc-ats.iot.us-east-1.amazonaws.com", config(p).get("endpoint").asText());
  }

  @Test
  void aFirmwareFileEditedByHand_isKeptWithANote_unlessOverwriting() throws Exception {
    DevicePackage p = pkg(PASSWORD);
    writer.write(p);
    Path main = p.folder().resolve(firmwareFile);
    Files.writeString(main, "# my own main\n");

    var kept = writer.write(p);
    assertFalse(kept.changed());
    assertThat(kept.notes())
        .containsExactly(
            firmwareFile
                + " differs from what iotsys wrote (edited by"
                + " hand?): kept; --overwrite-package replaces it");
    assertEquals("# my own main\n", Files.readString(main));

    writer.write(withSettings(java.util.Map.of(), true));
    assertArrayEquals(contract.file(firmwareFile), Files.readAllBytes(main));
    assertThat(writer.write(p).notes()).isEmpty();
  }

  @Test
  void aPackageFromBeforeTheRecord_isUpdatedAsIotsysOwn() throws Exception {
    DevicePackage p = pkg(PASSWORD);
    writer.write(p);
    Files.delete(p.folder().resolve(PackageFolder.WRITTEN));
    Files.writeString(p.folder().resolve(firmwareFile), "# an older firmware\n");

    var updated = writer.write(p);
    assertTrue(updated.changed());
    assertThat(updated.notes()).isEmpty();
    assertArrayEquals(
        contract.file(firmwareFile), Files.readAllBytes(p.folder().resolve(firmwareFile)));
  }

  @Test
  void write_ofAnEcKey_refuses_namingWhatTheBoardReads() {
    DevicePackage p = pkg(PASSWORD);
    DevicePackage withEc = pkg(PASSWORD, DeviceCredentials.make("kitchen", KeyAlgorithm.EC_P256));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> writer.write(withEc));
    assertThat(e.getMessage()).contains("only RSA keys (PKCS#1)");
    assertThat(p.folder()).doesNotExist();
  }

  @Test
  void anOpenNetwork_hasAnEmptyPassword() throws Exception {
    DevicePackage p = pkg("");
    writer.write(p);
    assertEquals("", config(p).get("wifi_password").asText());
  }
}
