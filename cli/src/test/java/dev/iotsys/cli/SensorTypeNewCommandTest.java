package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.spi.SensorType;
import dev.iotsys.testing.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code sensor-type new}: what it writes, and the input it refuses without writing anything. */
class SensorTypeNewCommandTest {
  @TempDir Path work;

  private CliRun generate(String... args) {
    return CliRun.inProcess(Map.of("IOTSYS_HOME", work.resolve("home").toString()), args);
  }

  private List<String> written() throws Exception {
    try (Stream<Path> all = Files.walk(work)) {
      return all.filter(Files::isRegularFile).map(p -> work.relativize(p).toString()).toList();
    }
  }

  private void assertRefused(CliRun run, int code, String line) throws Exception {
    assertEquals(code, run.exitCode(), run.out() + run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertThat(run.err()).startsWith("iotsys: " + line);
    assertEquals("", run.out());
    assertThat(written()).isEmpty();
  }

  @Test
  void new_writesTheProject_everyTemplateValueFilledIn() throws Exception {
    Path dir = work.resolve("p");
    CliRun run =
        generate(
            "sensor-type",
            "new",
            "soil_probe",
            "--measure",
            "moisture:%:0..100",
            "--measure",
            "temperature:°C:-10..40.5",
            "--board",
            "esp8266",
            "--dir",
            dir.toString());

    assertEquals(0, run.exitCode(), run.err());
    assertThat(run.out()).contains("sensor type soil_probe (esp8266): " + dir);
    String src = "src/main/java/iotsys/plugin/soil_probe/";
    for (String f :
        List.of(
            "pom.xml",
            "README.md",
            src + "SoilProbeSensorType.java",
            src + "SoilProbePackageWriter.java",
            src + "SoilProbePackageReader.java",
            "src/main/resources/META-INF/services/dev.iotsys.spi.SensorType",
            "firmware/soil_probe/contract.json",
            "firmware/soil_probe/board.py",
            "firmware/soil_probe/sensor.py",
            "firmware/common/cycle.py",
            "firmware/testlib/board.mjs",
            "firmware/test/soil_probe/board.json",
            "firmware/test/soil_probe/publish.test.mjs",
            "firmware/package-lock.json")) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(p)).as(p.toString()).doesNotContain("{{");
      }
    }
    JsonNode contract =
        new ObjectMapper().readTree(dir.resolve("firmware/soil_probe/contract.json").toFile());
    assertEquals("soil_probe", contract.get("type").asText());
    assertEquals(
        List.of("moisture", "temperature"),
        List.of(
            contract.get("measures").get(0).asText(), contract.get("measures").get(1).asText()));
    assertEquals("cert.der", contract.at("/package/certificate").asText());
    assertThat(contract.get("settings").has("pin")).isFalse();
    // The stub reads the middle of each range, in hundredths: 50.0 % and 15.25 °C.
    assertThat(Files.readString(dir.resolve("firmware/soil_probe/sensor.py")))
        .contains("((\"moisture\", 5000), (\"temperature\", 1525),)");
    assertThat(Files.readString(dir.resolve("firmware/test/soil_probe/publish.test.mjs")))
        .contains("'{\"moisture\": 50.0, \"temperature\": 15.25}'");
    // The board's part comes from the esp8266 board as iotsys has it.
    assertThat(Files.readString(dir.resolve("firmware/soil_probe/board.py")))
        .contains("def context():", "cert.der", "GUARD_TIMER = -1", "MAX_SLEEP_S = 4200");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Soil", "so", "1soil", "soil-probe", "soil probe"})
  void new_withAnInvalidId_oneLine_exit2_nothingWritten(String id) throws Exception {
    assertRefused(
        generate(
            "sensor-type", "new", id, "--measure", "m:%", "--dir", work.resolve("p").toString()),
        2,
        "Invalid sensor type id");
  }

  @Test
  void new_withTheIdOfABuiltInType_oneLine_exit2_nothingWritten() throws Exception {
    assertRefused(
        generate(
            "sensor-type",
            "new",
            "esp32bme280",
            "--measure",
            "m:%",
            "--dir",
            work.resolve("p").toString()),
        2,
        "Sensor type 'esp32bme280' exists already (built-in)");
  }

  @Test
  void new_withTheIdOfAPluginType_namesItsJar() throws Exception {
    Path jar =
        new PluginJar()
            .source("plugin.Soil", PluginJar.sensorType("plugin.Soil", "soil"))
            .service(SensorType.class, "plugin.Soil")
            .writeTo(work.resolve("home/.iotsys/plugins/soil.jar"));

    CliRun run =
        generate(
            "sensor-type",
            "new",
            "soil",
            "--measure",
            "m:%",
            "--dir",
            work.resolve("p").toString());

    assertEquals(2, run.exitCode(), run.err());
    assertThat(run.err()).contains("'soil' exists already (" + jar + ")");
    assertThat(work.resolve("p")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "moisture",
        "moisture:",
        "moisture:%:100..0",
        "moisture:%:0..x",
        "1m:%",
        "m:%:5..5",
        "m:%:0-100"
      })
  void new_withABadMeasure_oneLine_exit2_nothingWritten(String measure) throws Exception {
    assertRefused(
        generate(
            "sensor-type",
            "new",
            "soil",
            "--measure",
            measure,
            "--dir",
            work.resolve("p").toString()),
        2,
        "Invalid --measure");
  }

  @Test
  void new_withoutAMeasure_orWithAnUnknownBoard_exit2() throws Exception {
    assertRefused(generate("sensor-type", "new", "soil"), 2, "No --measure");
    assertRefused(
        generate("sensor-type", "new", "soil", "--measure", "m:%", "--board", "esp12"),
        2,
        "Unknown --board 'esp12'");
  }

  @Test
  void new_intoAFolderThatIsNotEmpty_oneLine_exit6_theFolderUntouched() throws Exception {
    Path dir = Files.createDirectories(work.resolve("p"));
    Files.writeString(dir.resolve("mine.txt"), "keep");

    CliRun run =
        generate("sensor-type", "new", "soil", "--measure", "m:%", "--dir", dir.toString());

    assertEquals(6, run.exitCode(), run.err());
    assertThat(run.err()).startsWith("iotsys: " + dir + " exists and is not an empty folder");
    assertEquals(List.of("p/mine.txt"), written());
  }

  @Test
  void new_intoAnEmptyFolder_writesThere() throws Exception {
    Path dir = Files.createDirectories(work.resolve("p"));

    assertEquals(
        0,
        generate("sensor-type", "new", "soil", "--measure", "m:%", "--dir", dir.toString())
            .exitCode());

    assertTrue(Files.isRegularFile(dir.resolve("pom.xml")));
    try (Stream<Path> left = Files.list(work)) {
      assertEquals(List.of(dir), left.toList()); // no staging folder left beside it
    }
  }

  @Test
  void hundredthsText_isTheFirmwaresNumberForm() {
    assertEquals("21.5", SensorTypeProject.hundredthsText(2150));
    assertEquals("21.0", SensorTypeProject.hundredthsText(2100));
    assertEquals("21.06", SensorTypeProject.hundredthsText(2106));
    assertEquals("-0.05", SensorTypeProject.hundredthsText(-5));
  }
}
