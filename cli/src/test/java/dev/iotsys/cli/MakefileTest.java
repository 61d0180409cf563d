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
 * What the make targets pass on that needs no AWS: {@code make -n} prints the commands without
 * running them. The Wi-Fi password of {@code esp8266TempSensorCreate} is proven by a real run
 * against moto, in {@link MakefileIT}.
 */
class MakefileTest {
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
