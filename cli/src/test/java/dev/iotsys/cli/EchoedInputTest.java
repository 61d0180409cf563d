package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a message echoes of the user's input is escaped and cut to 80 characters, as the README
 * says, whatever the command, option or parameter: every option that takes a value, and every
 * parameter position, gets a value of 10,000 characters with terminal control characters in it, and
 * whatever the command answers is a short line with no control character. (Commands go to an
 * endpoint where nothing listens, so any that gets as far as AWS fails there.)
 */
class EchoedInputTest {
  /** The longest line a message with one cut echo may make: the echo is at most 80 characters. */
  private static final int LONGEST_LINE = 600;

  private static final String LONG = "\u001b[2J\u0007" + "9".repeat(10_000);

  @TempDir java.nio.file.Path home;

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private List<String> base() throws IOException {
    return new ArrayList<>(
        List.of(
            "--endpoint-url",
            "http://127.0.0.1:" + closedPort(),
            "--region",
            "us-east-1",
            "--home",
            home.toString()));
  }

  private static void assertShort(List<String> args, CliRun run) {
    String shown = args.size() > 12 ? args.subList(6, args.size()).toString() : args.toString();
    for (String line : (run.out() + run.err()).lines().toList()) {
      assertThat(line.length())
          .as(
              "a line of %s: %s",
              shown.replace(LONG, "LONG"), line.substring(0, Math.min(200, line.length())))
          .isLessThanOrEqualTo(LONGEST_LINE);
      assertThat(line)
          .as("a line of %s", shown.replace(LONG, "LONG"))
          .doesNotContain("\u001b")
          .doesNotContain("\u0007");
    }
  }

  @Test
  void everyOptionValue_isEchoedCutAndEscaped() throws IOException {
    Map<String, String> env = Map.of("IOTSYS_WIFI_PASSWORD", "password1");
    for (Command command : IotsysCli.COMMANDS.all()) {
      List<Option> options = new ArrayList<>(GlobalOptions.options().getOptions());
      options.addAll(command.options().getOptions());
      for (Option option : options) {
        if (!option.hasArg()) {
          continue;
        }
        List<String> args = base();
        args.addAll(command.words());
        args.addAll(List.of("esp8266temp", "kitchen", "--" + option.getLongOpt(), LONG));
        assertShort(args, CliRun.inProcess(env, args.toArray(String[]::new)));
      }
    }
  }

  @Test
  void everyParameter_isEchoedCutAndEscaped() throws IOException {
    Map<String, String> env = Map.of("IOTSYS_WIFI_PASSWORD", "password1");
    for (Command command : IotsysCli.COMMANDS.all()) {
      for (int position = 0; position < 3; position++) {
        List<String> args = base();
        args.addAll(command.words());
        List<String> params = new ArrayList<>(List.of("esp8266temp", "kitchen", "garage"));
        params.set(position, LONG);
        args.addAll(params);
        args.addAll(List.of("--wifi-ssid", "net", "--email", "a@example.com", "--above", "30"));
        assertShort(args, CliRun.inProcess(env, args.toArray(String[]::new)));
      }
    }
  }

  @Test
  void aThresholdInExponentForm_isRefusedInOneShortLine_beforeAnyAwsCall() throws IOException {
    for (String value : List.of("1e999", "1e999999999", "1e2147483647", "-1e2147483647")) {
      List<String> args = base();
      args.addAll(List.of("alerts", "set", "kitchen", "--above", value));
      CliRun run = CliRun.inProcess(Map.of(), args.toArray(String[]::new));
      assertThat(run.exitCode()).as(value + ": " + run.err()).isEqualTo(2);
      assertThat(run.err()).startsWith("iotsys: Invalid --above ").endsWith("\n");
      assertThat(run.err().lines().count()).isEqualTo(1);
      assertThat(run.err().length()).as(value).isLessThan(200);
    }
  }
}
