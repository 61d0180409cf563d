package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home that cannot be one (a file named as the home, a settings file that is a folder) is refused
 * before any AWS call, exit 2, in one line that names the problem. The commands talk to an endpoint
 * where nothing listens: one that got as far as AWS would fail there, with exit 4.
 */
class UnusableHomeTest {
  private static final List<List<String>> COMMANDS =
      List.of(
          List.of("install", "--db", "home", "--store", "dynamodb"),
          List.of("sensor", "add", "esp8266temp", "kitchen", "--wifi-ssid", "net"),
          List.of("sensor", "list"),
          List.of("status", "--db", "home"),
          List.of("config"));

  @TempDir Path tmp;

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void assertRefused(Map<String, String> env, List<String> home, String... problem)
      throws IOException {
    for (List<String> command : COMMANDS) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--endpoint-url", "http://127.0.0.1:" + closedPort(), "--region", "us-east-1"));
      args.addAll(home);
      args.addAll(command);
      Map<String, String> withPassword = new java.util.HashMap<>(env);
      withPassword.put("IOTSYS_WIFI_PASSWORD", "password1");
      CliRun run = CliRun.inProcess(withPassword, args.toArray(String[]::new));
      assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(2);
      assertThat(run.err()).as(command.toString()).startsWith("iotsys: ").contains(problem);
      assertThat(run.err()).doesNotContain("chmod");
      assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
    }
  }

  @Test
  void homeNamingAFile_isRefusedBeforeAnyAwsCall_withExit2() throws IOException {
    Path file = Files.writeString(tmp.resolve("notes.txt"), "not a fleet");
    assertRefused(
        Map.of(),
        List.of("--home", file.toString()),
        "The home " + file + " is a file, not a folder",
        "named by the caller");
    assertRefused(
        Map.of("IOTSYS_HOME", file.toString()),
        List.of(),
        "The home " + file + " is a file, not a folder",
        "named by IOTSYS_HOME");
    assertRefused(
        Map.of(),
        List.of("--home", file.resolve("fleet").toString()),
        "cannot be made: " + file + " is a file");
    assertThat(Files.readString(file)).isEqualTo("not a fleet");
  }

  @Test
  void settingsThatAreAFolder_areRefusedBeforeAnyAwsCall_withExit2() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("fleet"));
    Files.createDirectories(home.resolve(".iotsys/settings.json"));
    assertRefused(
        Map.of(),
        List.of("--home", home.toString()),
        home.resolve(".iotsys/settings.json") + " is a folder, not iotsys's settings file");
    try (var left = Files.list(home)) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly(".iotsys");
    }
  }

  @Test
  void aSettingsFolderThatIsAFile_isRefusedBeforeAnyAwsCall_withExit2() throws IOException {
    Path home = Files.createDirectories(tmp.resolve("fleet"));
    Files.writeString(home.resolve(".iotsys"), "");
    assertRefused(
        Map.of(),
        List.of("--home", home.toString()),
        home.resolve(".iotsys") + " is a file, where iotsys keeps its settings folder");
  }
}
