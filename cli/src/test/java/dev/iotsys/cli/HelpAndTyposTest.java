package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help that fits the command, hints for typos, and the shell completion; no AWS call in any. */
class HelpAndTyposTest {
  private static CliRun run(String... args) {
    return CliRun.inProcess(Map.of(), args);
  }

  @ParameterizedTest
  @ValueSource(strings = {"help sensor add", "sensor add --help"})
  void sensorAddHelp_showsItsOwnOptionsOnly(String line) {
    CliRun help = run(line.split(" "));
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .startsWith("usage: iotsys sensor add TYPE NAME... --wifi-ssid SSID")
        .contains(
            "--wifi-ssid SSID",
            "--new-certificate",
            "examples:",
            "exit codes:",
            "7  some of several items failed")
        .doesNotContain("--delete-data", "--store");
  }

  @Test
  void helpInstall_showsDryRunAndNotWifiSsid() {
    CliRun help = run("help", "install");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("--dry-run", "--store STORE", "iotsys install --db home")
        .doesNotContain("--wifi-ssid");
    assertThat(help.out().lines())
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(Help.WIDTH));
  }

  @Test
  void theGroupAlone_showsItsCommands_andIsAUsageError() {
    CliRun group = run("sensor");
    assertThat(group.exitCode()).isEqualTo(2);
    assertThat(group.out()).contains("sensor add", "sensor list", "sensor remove", "sensor test");
    assertThat(run("help", "sensor").exitCode()).isZero();
  }

  /**
   * The commands the README documents, by its sections: "Two commands" and "Which store" (install),
   * "The home folder" (config), "Help and completion" (help, completion), "Sensors" (sensor add,
   * list, remove; sensor-type list, install), "Which store" also (sensor-type new), "Testing a
   * sensor before flashing it" (sensor test), "Reading data, status and teardown" (data, status,
   * uninstall, sensor-type uninstall), "The dashboard" (dashboard), "Alerts" (alerts enable, set,
   * list, disable).
   */
  private static final List<String> README_COMMANDS =
      List.of(
          "install",
          "status",
          "sensor add",
          "sensor list",
          "sensor test",
          "sensor remove",
          "data",
          "dashboard",
          "sensor-type list",
          "sensor-type install",
          "sensor-type new",
          "sensor-type uninstall",
          "uninstall",
          "alerts enable",
          "alerts set",
          "alerts list",
          "alerts disable",
          "config",
          "help",
          "completion");

  @Test
  void topLevelHelp_listsExactlyTheCommandsTheReadmeDocuments() {
    CliRun help = run("--help");
    assertThat(help.exitCode()).isZero();
    List<String> lines = help.out().lines().toList();
    List<String> listed = new ArrayList<>();
    for (String line : lines.subList(lines.indexOf("commands:") + 1, lines.size())) {
      if (line.isEmpty()) {
        break;
      }
      Matcher row = Pattern.compile("  ([a-z][a-z -]*[a-z])  +\\S.*").matcher(line);
      if (row.matches()) {
        listed.add(row.group(1));
      }
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(README_COMMANDS);
    assertThat(help.out()).contains("16  the reading did not reach the store in time");
  }

  @Test
  void aMistypedCommand_exits2AndSuggestsTheCommand() {
    CliRun typo = run("instal");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err())
        .isEqualTo(
            "iotsys: Unknown command 'instal'; did you mean 'install'?"
                + " ('iotsys help' lists the commands)\n");
    assertThat(run("sensor", "ad", "esp8266temp", "x").err())
        .contains("did you mean 'sensor add'?");
  }

  @Test
  void aMistypedOption_exits2AndSuggestsTheOption() {
    CliRun typo = run("install", "--db", "home", "--dryrun");
    assertThat(typo.exitCode()).isEqualTo(2);
    assertThat(typo.err())
        .isEqualTo(
            "iotsys: Unknown option '--dryrun' for 'install'; did you"
                + " mean '--dry-run'? ('iotsys help install' lists its options)\n");
  }

  @Test
  void anAbbreviatedOption_isNotTakenForTheLongerOne() {
    CliRun run = run("install", "--db", "home", "--dry");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown option '--dry'");
  }

  @Test
  void aSingleValuedOptionGivenTwice_isAnError() {
    CliRun twice = run("install", "--db", "a", "--db", "b");
    assertThat(twice.exitCode()).isEqualTo(2);
    assertThat(twice.err())
        .isEqualTo("iotsys: Option --db is given twice ('a', 'b'); give it" + " once\n");
  }

  @Test
  void anOptionOfAnotherCommand_saysWhoseItIs() {
    CliRun run = run("install", "--db", "home", "--wifi-ssid", "x");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("Option --wifi-ssid does not apply to 'install'", "'sensor add'");
  }

  @Test
  void eachCommandsOwnOption_meansWhatThatCommandSays() {
    // --wait takes a duration for sensor test and nothing for uninstall.
    assertThat(run("help", "sensor", "test").out()).contains("--wait DURATION");
    assertThat(run("help", "uninstall").out()).contains("--wait ").doesNotContain("--wait DUR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bash", "zsh"})
  void completion_isAScriptTheShellAccepts(String shell, @TempDir Path tmp) throws Exception {
    CliRun script = run("completion", shell);
    assertThat(script.exitCode()).isZero();
    assertThat(script.out())
        .contains(
            "complete -o default -F _iotsys iotsys",
            "\"sensor add\")",
            "esp8266temp",
            "--wifi-ssid",
            "--store");
    Path file = tmp.resolve("iotsys." + shell);
    Files.writeString(file, script.out(), StandardCharsets.UTF_8);
    // bash -n reads the whole script without running it; zsh's wraps the same function.
    Process p = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
  }

  @Test
  void bashCompletion_offersTheNextWordsAndTheCommandsOptions(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("iotsys.bash");
    Files.writeString(file, run("completion", "bash").out(), StandardCharsets.UTF_8);
    assertThat(complete(file, "iotsys sen")).contains("sensor", "sensor-type");
    assertThat(complete(file, "iotsys sensor a")).containsExactly("add");
    assertThat(complete(file, "iotsys sensor add ")).contains("esp8266temp");
    assertThat(complete(file, "iotsys sensor add esp8266temp kitchen --wi"))
        .containsExactlyInAnyOrder("--wifi-ssid", "--wifi-password", "--wifi-open");
    assertThat(complete(file, "iotsys install --db home --st")).containsExactly("--store");
    assertThat(complete(file, "iotsys install --store ")).containsExactly("dynamodb", "timestream");
  }

  /** What bash offers after the line, with the completion function of the script. */
  private static java.util.List<String> complete(Path script, String line)
      throws IOException, InterruptedException {
    String words = line.endsWith(" ") ? line + "''" : line;
    String program =
        "source "
            + script
            + "; COMP_WORDS=("
            + words
            + "); COMP_CWORD=$(("
            + "${#COMP_WORDS[@]} - 1)); _iotsys; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return out.lines().filter(l -> !l.isEmpty()).toList();
  }
}
