package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The home is found the way git finds its repository: the packaged command line run as a user runs
 * it, from the home and from a folder below it, against a real moto server.
 */
@ExtendWith(MotoServer.class)
class HomeDiscoveryIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private static Map<String, String> aws(MotoServer.Instance moto) {
    return MotoAws.environment(moto);
  }

  @Test
  void afterInstallInAHome_statusWithoutDbWorks_thereAndBelow(MotoServer.Instance moto)
      throws Exception {
    Path home = Files.createDirectories(tmp.resolve("fleet"));
    CliRun install =
        CliRun.process(home, aws(moto), "install", "--db", "home", "--store", "dynamodb");
    assertEquals(0, install.exitCode(), install.err());
    assertThat(home.resolve(".iotsys/settings.json")).isRegularFile();

    for (Path where : new Path[] {home, Files.createDirectories(home.resolve("notes/2026"))}) {
      CliRun status = CliRun.process(where, aws(moto), "status", "--output", "json");
      assertEquals(0, status.exitCode(), status.err());
      JsonNode doc = JSON.readTree(status.out());
      assertEquals("home", doc.get("database").asText());
      assertThat(doc.get("resources").findValuesAsText("kind")).contains("dynamodb-table");
    }

    CliRun config = CliRun.process(home.resolve("notes"), aws(moto), "config", "--output", "json");
    assertEquals(0, config.exitCode(), config.err());
    JsonNode doc = JSON.readTree(config.out());
    assertEquals(home.toString(), doc.at("/home/folder").asText());
    assertEquals("FOUND", doc.at("/home/origin").asText());
    assertEquals("dynamodb", doc.at("/settings/store/value").asText());
    assertEquals(".iotsys/settings.json", doc.at("/settings/database/source").asText());
  }

  @Test
  void withoutAHome_aCommandThatNeedsTheDatabase_saysWhereItLookedAndWhatToDo(
      MotoServer.Instance moto) throws Exception {
    Path nowhere = Files.createDirectories(tmp.resolve("nowhere"));
    CliRun status = CliRun.process(nowhere, aws(moto), "status");
    assertEquals(2, status.exitCode());
    assertThat(status.err())
        .startsWith("iotsys: Missing --db NAME: no iotsys home was found from " + nowhere + " up")
        .contains("--home", "IOTSYS_HOME");
    assertThat(status.err().lines()).hasSize(1);
  }

  @Test
  void theHomeNamedByTheEnvironment_winsOverTheSearch(MotoServer.Instance moto) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("fleet"));
    assertEquals(
        0,
        CliRun.process(home, aws(moto), "install", "--db", "home", "--store", "dynamodb")
            .exitCode());
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Map<String, String> env = new java.util.HashMap<>(aws(moto));
    env.put("IOTSYS_HOME", home.toString());
    CliRun status = CliRun.process(elsewhere, env, "status");
    assertEquals(0, status.exitCode(), status.err());
  }

  @Test
  void fromTheWrongFolder_sensorAddSaysWhereItLookedAndHowToPointAtTheHome_andWritesNothing(
      MotoServer.Instance moto) throws Exception {
    Path home = Files.createDirectories(tmp.resolve("fleet"));
    Map<String, String> env = new java.util.HashMap<>(aws(moto));
    env.put("IOTSYS_WIFI_PASSWORD", "wifi-secret-1");
    assertEquals(
        0, CliRun.process(home, env, "install", "--db", "home", "--store", "dynamodb").exitCode());
    CliRun added =
        CliRun.process(home, env, "sensor", "add", "esp8266temp", "kitchen", "--wifi-ssid", "net");
    assertEquals(0, added.exitCode(), added.err());

    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    CliRun again =
        CliRun.process(
            elsewhere, env, "sensor", "add", "esp8266temp", "kitchen", "--wifi-ssid", "net");
    assertEquals(6, again.exitCode(), again.out() + again.err());
    // Each name's outcome is a line of its own on standard output, the failure's reason in it.
    String line = again.out().lines().filter(l -> l.startsWith("FAILED")).findFirst().orElseThrow();
    assertThat(line)
        .contains(
            "certificates/kitchen of the home "
                + elsewhere
                + " (the current folder: no folder from it up has .iotsys/settings.json)",
            "--home DIR or IOTSYS_HOME",
            "a board flashed with the old package stops connecting");
    assertThat(line.indexOf("--home DIR"))
        .as("pointing at the home comes first")
        .isLessThan(line.indexOf("--new-certificate"));
    assertThat(elsewhere.resolve("certificates"))
        .as("no key folder in the wrong home")
        .doesNotExist();
    assertThat(elsewhere.resolve("sensor-esp8266temp")).doesNotExist();

    CliRun list = CliRun.process(elsewhere, env, "sensor", "list", "--output", "json");
    assertEquals(0, list.exitCode(), list.err());
    assertThat(JSON.readTree(list.out()).at("/sensors/0/keyState").asText()).isEqualTo("ABSENT");
    assertThat(list.err())
        .contains("note: no key of kitchen in the home " + elsewhere, "--home DIR or IOTSYS_HOME");
    CliRun status = CliRun.process(elsewhere, env, "status", "--db", "home");
    assertEquals(8, status.exitCode(), status.out());
    assertThat(status.err()).contains("note: no key of kitchen in the home " + elsewhere);

    CliRun atHome = CliRun.process(home, env, "status");
    assertEquals(0, atHome.exitCode(), atHome.out() + atHome.err());
    assertThat(atHome.err()).doesNotContain("note: no key");
  }
}
