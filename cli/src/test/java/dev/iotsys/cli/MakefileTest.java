package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The make target that adds a sensor passes the Wi-Fi password through the environment only: never
 * on iotsys's command line, never in what make echoes, and make refuses it on its own command line,
 * where {@code ps} would show it for the whole build. {@code make -n} prints the commands without
 * running them.
 */
class MakefileTest {
  private static final String PASSWORD = "s3cret-wifi-pass";

  private static String[] make(Map<String, String> env, String... args) throws Exception {
    return run(true, env, args);
  }

  /** make in the repository's root; with {@code dryRun}, make -n, which only prints. */
  private static String[] run(boolean dryRun, Map<String, String> env, String... args)
      throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "make",
                "--no-print-directory",
                "-C",
                Path.of("..").toAbsolutePath().normalize().toString()));
    if (dryRun) {
      command.add(1, "-n");
    }
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().remove("IOTSYS_WIFI_PASSWORD");
    pb.environment().remove("wifipassword");
    pb.environment().putAll(env);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("make did not finish");
    }
    return new String[] {String.valueOf(p.exitValue()), output};
  }

  @Test
  void esp8266TempSensorCreate_takesThePasswordFromTheEnvironment_andNeverPrintsIt()
      throws Exception {
    for (String variable : List.of("IOTSYS_WIFI_PASSWORD", "wifipassword")) {
      String[] run =
          make(
              Map.of(variable, PASSWORD),
              "esp8266TempSensorCreate",
              "name=kitchen",
              "wifissid=net");
      assertEquals("0", run[0], run[1]);
      assertThat(run[1])
          .doesNotContain(PASSWORD)
          .doesNotContain("--wifi-password")
          .contains(
              "IOTSYS_WIFI_PASSWORD=\"${IOTSYS_WIFI_PASSWORD:-$wifipassword}\" ./iotsys"
                  + " sensor add esp8266temp \"kitchen\" --wifi-ssid \"net\"");
    }
  }

  @Test
  void esp8266TempSensorCreate_withThePasswordOnMakesCommandLine_refusesBeforeBuilding()
      throws Exception {
    String[] run =
        make(
            Map.of(),
            "esp8266TempSensorCreate",
            "name=kitchen",
            "wifissid=net",
            "wifipassword=" + PASSWORD);
    assertThat(run[0]).isNotEqualTo("0");
    assertThat(run[1])
        .contains("IOTSYS_WIFI_PASSWORD=PASSWORD make esp8266TempSensorCreate")
        .doesNotContain(PASSWORD.substring(2))
        .doesNotContain("mvn");
  }

  @Test
  void flash_alone_showsItsUsage_andWithAHome_passesItOn() throws Exception {
    String[] alone = run(false, Map.of(), "flash");
    assertThat(alone[0]).isEqualTo("2");
    assertThat(alone[1]).contains("usage: make flash name=NAME port=/dev/ttyUSB0 [home=DIR]");

    String[] withHome =
        make(Map.of(), "flash", "name=kitchen", "port=/dev/ttyUSB0", "home=/srv/fleet");
    assertEquals("0", withHome[0], withHome[1]);
    assertThat(withHome[1])
        .contains("firmware/flash.sh \"kitchen\" \"/dev/ttyUSB0\"" + " \"/srv/fleet\"");
  }
}
