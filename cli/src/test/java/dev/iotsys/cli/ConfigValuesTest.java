package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iotsys config} checks what it is given as every command does, and escapes what it shows; a
 * settings file holding a value no option would take is refused, naming the file.
 */
class ConfigValuesTest {
  private static final String CONTROLS = "\u001b[2J\u0007";

  @TempDir Path tmp;

  private CliRun config(Map<String, String> env, Path home, String... more) {
    String[] args = new String[more.length + 3];
    args[0] = "--home";
    args[1] = home.toString();
    args[2] = "config";
    System.arraycopy(more, 0, args, 3, more.length);
    return CliRun.inProcess(env, args);
  }

  @Test
  void config_givenAValueNoCommandWouldTake_refusesItWithExit2() {
    for (String[] bad :
        new String[][] {
          {"--db", "bad db"},
          {"--region", "us-east-1; rm -rf"},
          {"--profile", "dev" + CONTROLS},
          {"--endpoint-url", "ftp://example.com"}
        }) {
      CliRun run = config(Map.of(), tmp, bad);
      assertThat(run.exitCode()).as(String.join(" ", bad) + ": " + run.err()).isEqualTo(2);
      assertThat(run.err()).startsWith("iotsys: Invalid ").doesNotContain("\u001b");
      assertThat(run.out()).isEmpty();
    }
    CliRun timeout = config(Map.of("IOTSYS_AWS_TIMEOUT", "soon"), tmp);
    assertThat(timeout.exitCode()).isEqualTo(2);
  }

  @Test
  void config_showsValuesFromTheEnvironmentAndTheHomesName_escaped() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("fleet" + CONTROLS));
    CliRun run =
        config(Map.of("AWS_REGION", "eu-west-1" + CONTROLS, "AWS_PROFILE", "p" + CONTROLS), home);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .contains("fleet\\u001b[2J\\u0007", "eu-west-1\\u001b[2J\\u0007", "p\\u001b[2J\\u0007");
  }

  @Test
  void settingsHoldingAValueNoOptionWouldTake_areRefused_namingTheFile() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("fleet"));
    Path settings = Files.createDirectories(home.resolve(".iotsys")).resolve("settings.json");
    Files.writeString(
        settings, "{\"database\": \"home\", \"region\": \"us-east-1\\u001b[2J; rm -rf\"}");
    CliRun run = config(Map.of(), home);
    assertThat(run.exitCode()).as(run.err()).isEqualTo(6);
    assertThat(run.err())
        .startsWith("iotsys: The settings in " + settings)
        .contains("Invalid region 'us-east-1\\u001b[2J; rm -rf'", "repair or delete the file")
        .doesNotContain("\u001b");
  }
}
