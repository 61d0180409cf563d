package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/**
 * Every bad input: one line on standard error, the documented exit code, nothing on standard output
 * and nothing created in the account.
 */
@ExtendWith(MotoServer.class)
class BadInputIT {

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of(List.of("install", "--db", "ab"), 2, "Invalid database name 'ab'"),
        Arguments.of(List.of("install", "--db", "semi;colon"), 2, "Invalid database name"),
        Arguments.of(List.of("install", "--db", "x".repeat(257)), 2, "Invalid database name"),
        Arguments.of(List.of("install"), 2, "Missing --db NAME"),
        Arguments.of(List.of("install", "--db", "home", "extra"), 2, "Unexpected argument 'extra'"),
        Arguments.of(
            List.of("sensor-type", "install", "nosuch", "--db", "home"),
            2,
            "Unknown sensor type 'nosuch'; known sensor types: esp32bme280, esp8266temp"),
        Arguments.of(List.of("sensor-type", "install", "--db", "home"), 2, "Missing TYPE"),
        Arguments.of(
            List.of("install", "--db", "home", "--output", "yaml"), 2, "Unknown --output 'yaml'"),
        Arguments.of(List.of("install", "--db", "home", "--bogus"), 2, "Unknown option '--bogus'"),
        Arguments.of(List.of("frobnicate"), 2, "Unknown command 'frobnicate'"),
        Arguments.of(
            List.of("install", "--db", "home", "--region", "nowhere"),
            2,
            "Invalid --region 'nowhere'"),
        Arguments.of(
            List.of("sensor-type", "list", "--db", "home"),
            2,
            "Option --db does not apply to 'sensor-type list'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void badInput_getsOneLineTheExitCodeAndNoPartialState(
      List<String> args, int exitCode, String message, MotoServer.Instance moto) {
    List<String> all = new ArrayList<>(List.of("--endpoint-url", moto.endpoint().toString()));
    if (!args.contains("--region")) {
      all.addAll(List.of("--region", MotoServer.REGION));
    }
    all.addAll(args);
    CliRun run = CliRun.inProcess(Map.of(), all.toArray(String[]::new));
    assertEquals(exitCode, run.exitCode(), run.err());
    assertOneLine(run, message);
    assertNothingCreated(moto);
  }

  /** User values come back escaped and cut: no terminal escape, no 5,000-character line. */
  @Test
  void echoedValues_areEscapedAndCut(MotoServer.Instance moto) {
    String endpoint = moto.endpoint().toString();
    List<List<String>> cases =
        List.of(
            List.of("--region", "eu\u001b]0;owned\u0007-west-1", "install", "--db", "home"),
            List.of("--region", "x".repeat(5000), "install", "--db", "home"),
            List.of(
                "--region",
                MotoServer.REGION,
                "--output",
                "\u001b[31mred",
                "install",
                "--db",
                "home"),
            List.of(
                "--region",
                MotoServer.REGION,
                "sensor",
                "add",
                "\u001b[2Jtype",
                "kitchen",
                "--wifi-ssid",
                "n",
                "--wifi-password",
                "correct horse"),
            List.of(
                "--region", MotoServer.REGION, "sensor", "list", "esp8266temp", "extra\u202eevil"),
            List.of("--region", MotoServer.REGION, "--bogus\u001b[1m"));
    for (List<String> args : cases) {
      List<String> all = new ArrayList<>(List.of("--endpoint-url", endpoint));
      all.addAll(args);
      CliRun run = CliRun.inProcess(Map.of(), all.toArray(String[]::new));
      assertEquals(2, run.exitCode(), run.err());
      assertThat(run.err())
          .as(args.toString())
          .startsWith("iotsys: ")
          .doesNotContain("\u001b")
          .doesNotContain("\u202e")
          .doesNotContain("\u0007");
      assertThat(run.err().lines().filter(l -> !l.startsWith("iotsys: warning")).toList())
          .hasSize(1)
          .allSatisfy(l -> assertThat(l).hasSizeLessThan(300));
    }
    CliRun region =
        CliRun.inProcess(
            Map.of(),
            "--endpoint-url",
            endpoint,
            "--region",
            "x".repeat(5000),
            "install",
            "--db",
            "home");
    assertThat(region.err()).contains("... (5000 characters)");
    CliRun type =
        CliRun.inProcess(
            Map.of(),
            "--endpoint-url",
            endpoint,
            "--region",
            MotoServer.REGION,
            "sensor",
            "add",
            "\u001b[2Jtype",
            "kitchen",
            "--wifi-ssid",
            "n",
            "--wifi-password",
            "correct horse");
    assertThat(type.err()).contains("Unknown sensor type '\\u001b[2Jtype'");
    assertNothingCreated(moto);
  }

  @Test
  void endpointThatDoesNotAnswer_isUnreachableWithExitCode4(MotoServer.Instance moto)
      throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    CliRun run =
        CliRun.inProcess(
            Map.of(),
            "--endpoint-url",
            "http://127.0.0.1:" + closedPort,
            "--region",
            MotoServer.REGION,
            "install",
            "--db",
            "home");
    assertEquals(4, run.exitCode(), run.err());
    assertOneLine(run, "Cannot reach AWS while identifying the AWS account");
  }

  @Test
  void endpointThatClosesConnections_isUnreachableWithExitCode4() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread closer =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try (Socket s = server.accept()) {
                    s.setSoLinger(true, 0);
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      closer.setDaemon(true);
      closer.start();
      CliRun run =
          CliRun.inProcess(
              Map.of(),
              "--endpoint-url",
              "http://127.0.0.1:" + server.getLocalPort(),
              "--region",
              MotoServer.REGION,
              "install",
              "--db",
              "home");
      assertEquals(4, run.exitCode(), run.err());
      assertOneLine(run, "Cannot reach AWS while identifying the AWS account");
    }
  }

  @Test
  void noRegion_isAConfigurationErrorWithExitCode3(@TempDir Path home, MotoServer.Instance moto)
      throws Exception {
    CliRun run =
        CliRun.process(
            home,
            Map.of(
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "AWS_EC2_METADATA_DISABLED",
                "true"),
            "--endpoint-url",
            moto.endpoint().toString(),
            "install",
            "--db",
            "home");
    assertEquals(3, run.exitCode(), run.err());
    assertOneLine(run, "No AWS region: pass --region or set AWS_REGION");
    assertNothingCreated(moto);
  }

  @Test
  void noCredentials_isAConfigurationErrorWithExitCode3(
      @TempDir Path home, MotoServer.Instance moto) throws Exception {
    CliRun run =
        CliRun.process(
            home,
            Map.of("AWS_EC2_METADATA_DISABLED", "true"),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            MotoServer.REGION,
            "install",
            "--db",
            "home");
    assertEquals(3, run.exitCode(), run.err());
    assertOneLine(run, "No AWS credentials found");
    assertNothingCreated(moto);
  }

  @Test
  void verbose_addsTheStackTrace(MotoServer.Instance moto) {
    CliRun run =
        CliRun.inProcess(
            Map.of(),
            "-v",
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            MotoServer.REGION,
            "sensor-type",
            "install",
            "esp8266temp",
            "--db",
            "nodb");
    assertEquals(6, run.exitCode());
    assertThat(run.err())
        .startsWith("iotsys: Timestream database nodb does not exist")
        .contains("dev.iotsys.api.IotsysException", "\tat ");
  }

  private static void assertOneLine(CliRun run, String message) {
    assertThat(run.err()).startsWith("iotsys: ").contains(message).endsWith("\n");
    assertEquals(1, run.err().lines().count(), run.err());
    assertEquals("", run.out());
  }

  private static void assertNothingCreated(MotoServer.Instance moto) {
    try (TimestreamWriteClient ts = MotoAws.timestream(moto);
        IotClient iot = MotoAws.iot(moto);
        IamClient iam = MotoAws.iam(moto)) {
      assertThat(ts.listDatabases(r -> {}).databases()).isEmpty();
      assertThat(iot.listThingTypes().thingTypes()).isEmpty();
      assertThat(iot.listPolicies().policies()).isEmpty();
      assertThat(iam.listRoles().roles()).isEmpty();
    }
  }

  @Test
  void aProfileThatDoesNotExist_isNamed_withTheProfilesThereAre(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
    java.nio.file.Files.createDirectories(home.resolve(".aws"));
    java.nio.file.Files.writeString(
        home.resolve(".aws/config"), "[profile work]\nregion = eu-west-1\n");
    CliRun run = CliRun.process(home, java.util.Map.of(), "--profile", "wrok", "sensor", "list");
    assertEquals(3, run.exitCode());
    assertEquals(
        "iotsys: AWS profile 'wrok' does not exist in ~/.aws/config or"
            + " ~/.aws/credentials; profiles there: work (did you mean 'work'?)\n",
        run.err());
  }
}
