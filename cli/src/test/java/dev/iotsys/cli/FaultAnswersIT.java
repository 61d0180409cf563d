package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.iotsys.testing.MotoServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoints that do not behave like AWS: one that never answers, one that answers a web page or
 * broken JSON, one that fails without a reason. Each is one clear line and the documented exit
 * code; with {@code --output json} every failure is also one JSON document on standard output.
 */
@ExtendWith(MotoServer.class)
class FaultAnswersIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a misbehaving endpoint does with each connection it accepts. */
  private interface Behaviour {
    void serve(Socket socket) throws IOException, InterruptedException;
  }

  /** Accepts every connection and never says a word. */
  private static class Silent implements AutoCloseable {
    final ServerSocket server;
    final List<Socket> held = new ArrayList<>();

    Silent() throws IOException {
      this(socket -> {});
    }

    Silent(Behaviour behaviour) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    Socket s = server.accept();
                    synchronized (held) {
                      held.add(s);
                    }
                    Thread serving =
                        new Thread(
                            () -> {
                              try {
                                behaviour.serve(s);
                              } catch (IOException | InterruptedException e) {
                                // the client hung up: what a deadline does
                              }
                            });
                    serving.setDaemon(true);
                    serving.start();
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      t.setDaemon(true);
      t.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
      synchronized (held) {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }

  /**
   * Reads each request, then sends its answer one byte a second: from the first byte of the status
   * line, or, with {@code headersFirst}, after a whole {@code 200} head announcing 100,000 bytes.
   * No single read ever waits long, so only a deadline over the whole call ends it.
   */
  private static final class Trickle extends Silent {
    Trickle(boolean headersFirst) throws IOException {
      super(
          socket -> {
            byte[] head =
                ("HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1\r\n"
                        + "Content-Length: 100000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            socket.getInputStream().read(new byte[65536]);
            OutputStream out = socket.getOutputStream();
            if (headersFirst) {
              out.write(head);
            }
            byte[] rest =
                headersFirst
                    ? "{\"things\": [".repeat(9000).getBytes(StandardCharsets.US_ASCII)
                    : head;
            for (byte b : rest) {
              out.write(b);
              out.flush();
              Thread.sleep(1000);
            }
          });
    }
  }

  /** Answers every request with this status, content type and body. */
  private static HttpServer answering(int status, String contentType, String body)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
    server.createContext(
        "/",
        exchange -> {
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          }
          exchange.close();
        });
    server.start();
    return server;
  }

  private static String url(HttpServer server) {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static CliRun sensorList(Map<String, String> env, String endpoint, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of("--endpoint-url", endpoint, "--region", MotoServer.REGION, "sensor", "list"));
    args.addAll(List.of(more));
    return CliRun.inProcess(env, args.toArray(String[]::new));
  }

  private static void assertOneLine(CliRun run, int exitCode, String... message) {
    assertEquals(exitCode, run.exitCode(), run.err());
    assertThat(run.err()).startsWith("iotsys: ").contains(message).endsWith("\n");
    assertEquals(1, run.err().lines().count(), run.err());
  }

  @Test
  void endpointThatNeverAnswers_failsWithExit4_sayingHowLongItWasGiven() throws Exception {
    try (Silent silent = new Silent()) {
      CliRun run = sensorList(Map.of("IOTSYS_AWS_TIMEOUT", "1"), silent.url());
      assertOneLine(run, 4, "The AWS endpoint did not answer within 1 s while listing");
    }
  }

  /** The default bound: the message names it, and it is under the 15 s a user may wait. */
  @Test
  void endpointThatNeverAnswers_atTheDefaults_failsWithExit4_within10Seconds() throws Exception {
    try (Silent silent = new Silent()) {
      CliRun run = sensorList(Map.of(), silent.url());
      assertOneLine(run, 4, "did not answer within 10 s");
    }
  }

  /**
   * An answer that comes a byte a second, in its head or in its body, ends at the call's deadline,
   * as the README says: exit 4 naming the limit. Run as a separate process, as a user runs it: a
   * command that waited on the trickle (the JDK drained the body to keep the connection, while the
   * SDK's timeout waited for it) would not end within CliRun's two minutes.
   */
  @Test
  void endpointThatTricklesItsAnswer_inTheHeadOrTheBody_failsWithExit4_atTheCallDeadline(
      @TempDir Path home) throws Exception {
    for (boolean headersFirst : new boolean[] {true, false}) {
      try (Trickle trickle = new Trickle(headersFirst)) {
        CliRun run =
            CliRun.process(
                home,
                Map.of(
                    "IOTSYS_AWS_TIMEOUT", "2",
                    "AWS_ACCESS_KEY_ID", "local",
                    "AWS_SECRET_ACCESS_KEY", "local"),
                "--endpoint-url",
                trickle.url(),
                "--region",
                MotoServer.REGION,
                "data",
                "kitchen",
                "--db",
                "home");
        assertOneLine(
            run,
            4,
            headersFirst
                ? "The AWS endpoint began its answer but did not finish it within 2 s"
                : "The AWS endpoint did not answer within 2 s",
            "while reading thing kitchen");
      }
    }
  }

  /**
   * An endpoint that sends an answer's head and closes before its body, as a moto killed while
   * answering does: the SDK would read no body as an answer whose every field is empty (a thing
   * named null, a NullPointerException). Each command says the answer was cut off, exit 4.
   */
  @Test
  void endpointThatCutsItsAnswersShort_failsWithExit4_neverReadingAnEmptyAnswer(@TempDir Path home)
      throws Exception {
    try (Silent cutting =
        new Silent(
            socket -> {
              socket.getInputStream().read(new byte[65536]);
              socket
                  .getOutputStream()
                  .write(
                      ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              + "Content-Length: 500\r\n\r\n")
                          .getBytes(StandardCharsets.US_ASCII));
              socket.close();
            })) {
      Map<String, String> env = Map.of("IOTSYS_WIFI_PASSWORD", "password1");
      List<List<String>> commands =
          List.of(
              List.of("sensor", "list"),
              List.of("status", "--db", "home"),
              List.of("sensor", "add", "esp8266temp", "s1", "s2", "--wifi-ssid", "n"),
              List.of("sensor", "remove", "esp8266temp", "s1", "s2"));
      for (List<String> command : commands) {
        List<String> args =
            new ArrayList<>(
                List.of(
                    "--endpoint-url",
                    cutting.url(),
                    "--region",
                    MotoServer.REGION,
                    "--home",
                    home.toString(),
                    "--output",
                    "json"));
        args.addAll(command);
        CliRun run = CliRun.inProcess(env, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(command + ": " + run.out() + run.err()).isEqualTo(4);
        assertThat(run.out() + run.err())
            .as(command.toString())
            .contains("ended after 0 of its 500 bytes", "the connection broke")
            .doesNotContain("named null")
            .doesNotContain("NullPointerException")
            .doesNotContain("internal error");
      }
    }
  }

  @Test
  void endpointAnsweringAWebPage_saysWhatItAnswered_inOneLine() throws Exception {
    HttpServer portal =
        answering(
            200,
            "text/html; charset=utf-8",
            "<html><body>Welcome to the hotel Wi-Fi\u001b[2J</body></html>");
    try {
      CliRun run = sensorList(Map.of(), url(portal));
      assertOneLine(
          run,
          4,
          "The endpoint answered ListThings with HTTP 200 (text/html",
          "'<html><body>Welcome to the hotel Wi-Fi\\u001b[2J",
          "not an AWS answer",
          "--endpoint-url");
      assertThat(run.err()).doesNotContain("\u001b").doesNotContain("JsonParseException");
    } finally {
      portal.stop(0);
    }
  }

  @Test
  void endpointAnsweringBrokenJson_saysWhatItAnswered_notThatAwsIsUnreachable() throws Exception {
    HttpServer broken = answering(200, "application/json", "{\"things\": [");
    try {
      CliRun run = sensorList(Map.of(), url(broken));
      assertOneLine(
          run,
          4,
          "The endpoint answered ListThings with HTTP 200 (application/json)",
          "'{\"things\": ['",
          "not an AWS answer");
      assertThat(run.err()).doesNotContain("Cannot reach").doesNotContain("JsonParseException");
    } finally {
      broken.stop(0);
    }
  }

  @Test
  void awsErrorWithoutAMessage_saysTheStatusAndTheOperation_withNoDanglingReason()
      throws Exception {
    HttpServer failing = answering(500, "application/json", "");
    try {
      CliRun run = sensorList(Map.of(), url(failing));
      assertOneLine(
          run,
          1,
          "AWS answered HTTP 500 to ListThings with no error message, while"
              + " listing the sensors' things");
      assertThat(run.err()).doesNotContain(":  ").doesNotContain(": while");
    } finally {
      failing.stop(0);
    }
  }

  @Test
  void jsonOutput_everyFailure_isOneValidDocument_besideTheLineOnStandardError(
      MotoServer.Instance moto) throws Exception {
    String endpoint = moto.endpoint().toString();
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    List<List<String>> failures =
        List.of(
            List.of("--output", "json", "--bogus"),
            List.of("--output", "json", "frobnicate"),
            List.of("--output=json", "--region", "no\u001bwhere", "status", "--db", "home"),
            List.of(
                "--output",
                "json",
                "--endpoint-url",
                endpoint,
                "--region",
                MotoServer.REGION,
                "sensor-type",
                "install",
                "esp8266temp",
                "--db",
                "nodb"),
            List.of(
                "--output",
                "json",
                "--endpoint-url",
                "http://127.0.0.1:" + closedPort,
                "--region",
                MotoServer.REGION,
                "install",
                "--db",
                "home"),
            List.of(
                "--output",
                "json",
                "--endpoint-url",
                endpoint,
                "--region",
                MotoServer.REGION,
                "sensor",
                "add",
                "esp8266temp",
                "kitchen",
                "--wifi-ssid",
                "n"));
    for (List<String> args : failures) {
      CliRun run = CliRun.inProcess(Map.of(), args.toArray(String[]::new));
      assertThat(run.exitCode()).as(args.toString()).isPositive();
      JsonNode doc = JSON.readTree(run.out());
      assertEquals(1, run.out().lines().count(), run.out());
      JsonNode error = doc.get("error");
      assertThat(error).as(run.out()).isNotNull();
      assertEquals(run.exitCode(), error.get("exitCode").asInt(), run.out());
      assertThat(error.get("kind").asText()).isNotBlank();
      assertEquals(run.err().strip(), "iotsys: " + error.get("message").asText(), args.toString());
    }
  }
}
