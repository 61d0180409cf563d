package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original system's make target that adds a sensor, run for real against moto: the Wi-Fi
 * password given to it in each documented form reaches the device package exactly (read back from
 * its config.json), never shows in what make or iotsys print, and the form the original README
 * gives (on make's command line) is taken with one warning that points to the safer forms. make
 * runs the target's recipe; only its {@code build} prerequisite is skipped ({@code -o build}): the
 * suite has packaged the command line that {@code ./iotsys} runs.
 */
@ExtendWith(MotoServer.class)
class MakefileIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a shell would pass on to make unchanged: '/', '&', '$', quotes and a space. */
  private static final String PASSWORD = "pa$$/&w\"o'rd x$HOME";

  @TempDir Path home;

  /** make with {@code -o build}, reaching moto, in this test's home. */
  private MakeRun make(MotoServer.Instance moto, Map<String, String> env, String... args)
      throws Exception {
    Map<String, String> all = new HashMap<>(MotoAws.environment(moto));
    all.put("IOTSYS_HOME", home.toString());
    all.putAll(env);
    List<String> options = new ArrayList<>(List.of("-o", "build"));
    options.addAll(List.of(args));
    return MakeRun.make(all, options.toArray(String[]::new));
  }

  /** The Wi-Fi password in the sensor's device package, as the board would read it. */
  private String packagedPassword(String sensor) throws Exception {
    Path config = home.resolve("sensor-esp8266temp/sensors/" + sensor + "/config.json");
    return JSON.readTree(config.toFile()).get("wifi_password").asText();
  }

  @Test
  void esp8266TempSensorCreate_inEachDocumentedForm_packagesThePasswordIntact_andNeverPrintsIt(
      MotoServer.Instance moto) throws Exception {
    CliRun install =
        CliRun.againstMoto(moto, home, Map.of(), "install", "--db", "home", "--store", "dynamodb");
    assertEquals(0, install.exitCode(), install.err());

    MakeRun commandLine =
        make(
            moto,
            Map.of(),
            "esp8266TempSensorCreate",
            "name=maker",
            "wifissid=n",
            "wifipassword=" + PASSWORD);
    assertEquals(0, commandLine.exitCode(), commandLine.out() + commandLine.err());
    assertThat(packagedPassword("maker")).isEqualTo(PASSWORD);
    assertThat(commandLine.err().lines().filter(l -> l.contains("warning")))
        .singleElement()
        .satisfies(
            w ->
                assertThat(w)
                    .contains("wifipassword=... on make's command line")
                    .contains("IOTSYS_WIFI_PASSWORD=PASSWORD make esp8266TempSensorCreate"));

    MakeRun environment =
        make(
            moto,
            Map.of("IOTSYS_WIFI_PASSWORD", PASSWORD),
            "esp8266TempSensorCreate",
            "name=envmaker",
            "wifissid=n");
    assertEquals(0, environment.exitCode(), environment.out() + environment.err());
    assertThat(packagedPassword("envmaker")).isEqualTo(PASSWORD);
    assertThat(environment.err()).doesNotContain("warning");

    MakeRun original =
        make(
            moto,
            Map.of("wifipassword", PASSWORD),
            "esp8266TempSensorCreate",
            "name=oldmaker",
            "wifissid=n");
    assertEquals(0, original.exitCode(), original.out() + original.err());
    assertThat(packagedPassword("oldmaker")).isEqualTo(PASSWORD);

    for (MakeRun run : List.of(commandLine, environment, original)) {
      assertThat(run.out() + run.err())
          .contains("iotsys sensor add esp8266temp")
          .doesNotContain(PASSWORD)
          .doesNotContain("/&w\"o")
          .doesNotContain("--wifi-password");
    }
  }
}
