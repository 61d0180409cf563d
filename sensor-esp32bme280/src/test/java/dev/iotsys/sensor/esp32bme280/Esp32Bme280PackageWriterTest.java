package dev.iotsys.sensor.esp32bme280;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.sensor.micropython.AmazonRootsTest;
import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.testing.DeviceCredentials;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The files an ESP32 is flashed with, each read back with BouncyCastle. */
class Esp32Bme280PackageWriterTest {
  private static final String PASSWORD = "a/b & \"c\" \\d $HOME e";

  @TempDir Path home;

  private final FirmwareContract contract = new Esp32Bme280SensorType().contract();
  private final Esp32Bme280PackageWriter writer = new Esp32Bme280PackageWriter(contract);

  private DevicePackage pkg(DeviceCredentials device, Map<String, Object> settings) {
    return new DevicePackage(
        "porch",
        "abc-ats.iot.eu-west-1.amazonaws.com",
        8883,
        "esp32bme280/porch",
        "my ssid",
        PASSWORD,
        List.of(device.certificate()),
        device.privateKey(),
        home.resolve("sensor-esp32bme280/sensors/porch"),
        settings,
        false);
  }

  private static List<Object> pem(Path file) throws Exception {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        objects.add(o);
      }
    }
    return objects;
  }

  /**
   * What the board's contract in the source tree names, read here, not through the bundled copy the
   * writer reads: the firmware files and the package's own.
   */
  private static List<String> contractFilesInTheSourceTree() throws IOException {
    JsonNode c =
        new ObjectMapper()
            .readTree(Path.of("..", "firmware", "esp32bme280", "contract.json").toFile());
    List<String> names = new ArrayList<>();
    c.get("files").forEach(f -> names.add(f.asText()));
    c.get("package").forEach(f -> names.add(f.asText()));
    return names;
  }

  /** A folder's file names, without the writer's own dot file (what it wrote, to keep edits). */
  private static List<String> namesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith(".")).toList();
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void write_putsPemCertificateKeyAndAmazonRoots_configAndFirmware_private(KeyAlgorithm a)
      throws Exception {
    DeviceCredentials device = DeviceCredentials.make("porch", a);
    DevicePackage p = pkg(device, Map.of());
    assertFalse(writer.isComplete(p.folder()));

    assertTrue(writer.write(p).changed());

    assertTrue(writer.isComplete(p.folder()));
    List<Object> certificate = pem(p.folder().resolve("cert.pem"));
    assertEquals(1, certificate.size());
    assertEquals(
        device.certificate(),
        new JcaX509CertificateConverter()
            .getCertificate((X509CertificateHolder) certificate.get(0)));
    assertThat(Files.readString(p.folder().resolve("key.pem")))
        .startsWith("-----BEGIN PRIVATE KEY-----\n");
    PrivateKey key =
        new JcaPEMKeyConverter()
            .getPrivateKey((PrivateKeyInfo) pem(p.folder().resolve("key.pem")).get(0));
    assertEquals(a.jcaName(), key.getAlgorithm());
    if (key instanceof ECPrivateKey ec) {
      assertEquals(((ECPrivateKey) device.privateKey()).getS(), ec.getS());
    } else {
      assertEquals(
          ((RSAPrivateCrtKey) device.privateKey()).getPrivateExponent(),
          ((RSAPrivateCrtKey) key).getPrivateExponent());
    }
    List<String> roots = new ArrayList<>();
    for (Object o : pem(p.folder().resolve("ca.pem"))) {
      X509Certificate c =
          new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) o);
      roots.add(c.getSubjectX500Principal().getName("RFC1779"));
    }
    assertEquals(AmazonRootsTest.SUBJECTS, roots);
    assertThat(namesIn(p.folder()))
        .as("the package: the firmware and package files of firmware/esp32bme280/contract.json")
        .containsExactlyInAnyOrderElementsOf(contractFilesInTheSourceTree());
    assertEquals(
        "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p.folder())));
    try (Stream<Path> files = Files.list(p.folder())) {
      for (Path f : files.toList()) {
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
            f.toString());
      }
    }
    assertFalse(writer.write(p).changed(), "a second write changes nothing");
  }

  @Test
  void config_isData_withTheSixKeys_theContractsDefaults_andTheSettingsGiven() throws Exception {
    DevicePackage p =
        pkg(
            DeviceCredentials.make("porch", KeyAlgorithm.EC_P256),
            Map.of("i2c-address", 0x77, "interval", 600, "ntp-host", "time.example"));
    writer.write(p);

    JsonNode config = new ObjectMapper().readTree(p.folder().resolve("config.json").toFile());

    assertEquals("porch", config.get("thing_name").asText());
    assertEquals("esp32bme280/porch", config.get("topic").asText());
    assertEquals(PASSWORD, config.get("wifi_password").asText());
    assertEquals(119, config.get("i2c_address").asInt());
    assertEquals(600, config.get("interval_s").asInt());
    assertEquals("time.example", config.get("ntp_host").asText());
    assertEquals(21, config.get("i2c_sda").asInt());
    assertEquals(6 + contract.settings().size(), config.size());
    assertThat(Files.readString(p.folder().resolve("config.json"))).doesNotContain("key.pem");
  }

  @Test
  void aKeyEditedByHand_isKeptWithANote_unlessOverwriting() throws Exception {
    DevicePackage p = pkg(DeviceCredentials.make("porch", KeyAlgorithm.EC_P256), Map.of());
    writer.write(p);
    Files.writeString(p.folder().resolve("ca.pem"), "my own CA\n");

    var kept = writer.write(p);

    assertThat(kept.notes())
        .containsExactly(
            "ca.pem differs from what iotsys wrote (edited by hand?): kept;"
                + " --overwrite-package replaces it");
    assertEquals("my own CA\n", Files.readString(p.folder().resolve("ca.pem")));
  }
}
