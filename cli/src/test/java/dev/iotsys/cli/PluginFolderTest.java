package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.spi.SensorType;
import dev.iotsys.testing.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's plugin folders: the home's .iotsys/plugins and IOTSYS_PLUGINS. */
class PluginFolderTest {
  @TempDir Path home;
  @TempDir Path more;

  private static Path soil(Path jar, String className) throws Exception {
    return new PluginJar()
        .source(className, PluginJar.sensorType(className, "soil"))
        .service(SensorType.class, className)
        .writeTo(jar);
  }

  private CliRun iotsys(String... args) {
    return CliRun.inProcess(
        Map.of("IOTSYS_HOME", home.toString(), "IOTSYS_PLUGINS", more.toString()), args);
  }

  @Test
  void sensorTypeList_showsTheHomesPluginType_fromItsJar_andTheBuiltInOnes() throws Exception {
    Path jar = soil(home.resolve(".iotsys/plugins/soil.jar"), "plugin.Soil");

    CliRun run = iotsys("sensor-type", "list");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
    assertThat(run.out())
        .containsPattern("soil +soil/\\+ \\[moisture\\] +from a plugin jar\\n +from " + jar)
        .containsPattern("esp8266temp .*\\n +from built-in");
  }

  @Test
  void sensorTypeList_json_givesEachTypesOrigin_IOTSYS_PLUGINSIncluded() throws Exception {
    Path jar = soil(more.resolve("soil.jar"), "plugin.Soil");

    CliRun run = iotsys("sensor-type", "list", "--output", "json");

    assertEquals(0, run.exitCode(), run.err());
    JsonNode types = new ObjectMapper().readTree(run.out()).get("sensorTypes");
    Map<String, String> origins = new java.util.TreeMap<>();
    types.forEach(t -> origins.put(t.get("id").asText(), t.get("origin").asText()));
    assertEquals(jar.toString(), origins.get("soil"));
    assertEquals("built-in", origins.get("esp32bme280"));
  }

  @Test
  void anyCommand_whenTwoJarsShareAnId_stopsWithOneLineNamingBothJars_exit3() throws Exception {
    Path a = soil(home.resolve(".iotsys/plugins/soil.jar"), "plugin.a.Soil");
    Path b = soil(more.resolve("soil-copy.jar"), "plugin.b.Soil");

    CliRun run = iotsys("sensor-type", "list");

    assertEquals(3, run.exitCode(), run.out());
    assertEquals(1, run.err().lines().count(), run.err());
    assertThat(run.err())
        .startsWith("iotsys: Two sensor types share the id 'soil'")
        .contains(a.toString(), b.toString());
  }

  @Test
  void sensorTypeList_whenAJarCannotLoad_warnsOnceNamingIt_andListsTheOthers() throws Exception {
    Path broken =
        new PluginJar()
            .service(SensorType.class, "plugin.Gone")
            .writeTo(home.resolve(".iotsys/plugins/broken.jar"));
    Path good = soil(more.resolve("soil.jar"), "plugin.Soil");

    CliRun run = iotsys("sensor-type", "list");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertThat(run.err()).startsWith("warning: plugin " + broken + " skipped: ");
    assertThat(run.out()).contains("from " + good, "esp8266temp");
  }

  /** sensor add reads the types twice (its options, then the run): still one warning. */
  @Test
  void sensorAdd_whenAJarCannotLoad_warnsOnce() throws Exception {
    Path broken =
        new PluginJar()
            .service(SensorType.class, "plugin.Gone")
            .writeTo(home.resolve(".iotsys/plugins/broken.jar"));

    CliRun run =
        CliRun.inProcess(
            Map.of("IOTSYS_HOME", home.toString(), "IOTSYS_AWS_TIMEOUT", "0.5"),
            "sensor",
            "add",
            "esp8266temp",
            "k1",
            "--wifi-ssid",
            "net",
            "--wifi-open",
            "--dry-run",
            "--region",
            "us-east-1",
            "--endpoint-url",
            "http://127.0.0.1:9");

    assertThat(run.err().lines().filter(l -> l.startsWith("warning: plugin")))
        .containsExactly("warning: plugin " + broken + " skipped: " + reason(run.err()));
  }

  private static String reason(String err) {
    return err.lines()
        .filter(l -> l.startsWith("warning: plugin"))
        .findFirst()
        .map(l -> l.substring(l.indexOf(" skipped: ") + " skipped: ".length()))
        .orElse("");
  }

  @Test
  void sensorAddHelp_ofAPluginType_showsThatTypesSettings() throws Exception {
    String code =
        PluginJar.sensorType("plugin.Soil", "soil")
            .replace(
                "public String id()",
                "public java.util.List<dev.iotsys.spi.DeviceSetting> deviceSettings() {\n"
                    + "    return java.util.List.of(dev.iotsys.spi.DeviceSetting.oneOf(\"probe\","
                    + " \"the probe's kind\", java.util.List.of(\"capacitive\", \"resistive\")));\n"
                    + "  }\n  public String id()");
    new PluginJar()
        .source("plugin.Soil", code)
        .service(SensorType.class, "plugin.Soil")
        .writeTo(home.resolve(".iotsys/plugins/soil.jar"));

    CliRun run = iotsys("sensor", "add", "soil", "--help");

    assertEquals(0, run.exitCode(), run.err());
    assertThat(run.out()).contains("--probe", "the probe's kind").doesNotContain("--pin");
  }

  @Test
  void aFolderThatIsNoJar_isNotLoaded() throws Exception {
    Files.createDirectories(home.resolve(".iotsys/plugins/dir.jar"));

    CliRun run = iotsys("sensor-type", "list");

    assertEquals(0, run.exitCode(), run.err());
    assertEquals("", run.err());
  }
}
