package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iotsys data <TAB>} offers the sensors of the home, read from its own folders by the
 * completion script in bash itself: the script is run by a real bash, as a shell runs it.
 */
class SensorNameCompletionTest {
  @TempDir Path tmp;

  /**
   * What bash offers for the words typed so far (the last one being completed), run in {@code cwd}.
   */
  private List<String> complete(Path cwd, String... words) throws Exception {
    Path script = tmp.resolve("completion.bash");
    CliRun printed = CliRun.inProcess(java.util.Map.of(), "completion", "bash");
    Files.writeString(script, printed.out());
    StringBuilder line = new StringBuilder("source '" + script + "'; COMP_WORDS=(iotsys");
    for (String w : words) {
      line.append(" '").append(w).append("'");
    }
    line.append("); COMP_CWORD=")
        .append(words.length)
        .append("; _iotsys; printf '%s\\n' \"${COMPREPLY[@]}\"");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", line.toString()).directory(cwd.toFile());
    pb.environment().remove("IOTSYS_HOME");
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return out.lines().toList();
  }

  private Path home() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("fleet"));
    Files.createDirectories(home.resolve(".iotsys"));
    Files.writeString(home.resolve(".iotsys/settings.json"), "{\"database\": \"home\"}");
    Files.createDirectories(home.resolve("certificates/kitchen"));
    Files.createDirectories(home.resolve("certificates/garage"));
    Files.createDirectories(home.resolve("sensor-esp8266temp/sensors/garage"));
    Files.createDirectories(home.resolve("sensor-esp8266temp/sensors/cellar"));
    Files.createDirectories(home.resolve("notes"));
    return home;
  }

  @Test
  void data_completesTheSensorsOfTheHomeFoundFromBelowIt() throws Exception {
    Path home = home();
    assertThat(complete(home.resolve("notes"), "data", ""))
        .contains("kitchen", "garage", "cellar")
        .doesNotHaveDuplicates()
        .doesNotContain("notes");
    assertThat(complete(home, "data", "g")).containsExactly("garage");
  }

  @Test
  void sensorCommandsTakingANameComplete_theHomeNamedByHome() throws Exception {
    Path home = home();
    assertThat(complete(tmp, "--home", home.toString(), "sensor", "remove", "k"))
        .containsExactly("kitchen");
    assertThat(complete(tmp, "--home=" + home, "sensor", "test", "c")).containsExactly("cellar");
    assertThat(complete(tmp, "--home", home.toString(), "alerts", "set", "ga"))
        .containsExactly("garage");
    assertThat(complete(tmp, "--home", home.toString(), "status", "")).doesNotContain("kitchen");
  }
}
