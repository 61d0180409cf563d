package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.testing.MotoServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iotsys dashboard} as a user runs it (the packaged jar, its own process): where it listens,
 * and what it answers to a request without the token, with a foreign Host header or one that would
 * change something. Requests are written by hand, as curl would send them, so that nothing but the
 * test decides the Host header.
 */
@ExtendWith(MotoServer.class)
class DashboardCommandIT {
  private static final Pattern URL =
      Pattern.compile("iotsys dashboard: http://([0-9.]+):([0-9]+)/\\?token=([A-Za-z0-9_-]+) ");

  @TempDir Path home;

  /** A started dashboard process and what it printed first. */
  private record Dashboard(Process process, String host, int port, String token) {}

  private Dashboard start(MotoServer.Instance moto, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Path.of("target", "iotsys.jar").toAbsolutePath().toString(),
                "dashboard"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
    pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
    pb.environment().put("AWS_REGION", MotoServer.REGION);
    pb.environment().put("AWS_ENDPOINT_URL", moto.endpoint().toString());
    pb.environment().put("IOTSYS_HOME", home.toString());
    pb.redirectError(home.resolve("stderr.txt").toFile());
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    Matcher m = URL.matcher(first == null ? "" : first);
    if (!m.lookingAt()) {
      p.destroyForcibly();
      throw new AssertionError(
          "no URL printed: " + first + " / " + Files.readString(home.resolve("stderr.txt")));
    }
    return new Dashboard(p, m.group(1), Integer.parseInt(m.group(2)), m.group(3));
  }

  private static void stop(Dashboard d) throws InterruptedException {
    d.process().destroy();
    if (!d.process().waitFor(20, TimeUnit.SECONDS)) {
      d.process().destroyForcibly();
      throw new AssertionError("the dashboard did not stop on SIGTERM");
    }
  }

  /** The addresses something listens on at this TCP port, from the kernel's own tables. */
  static TreeSet<String> listeners(int port) throws IOException {
    TreeSet<String> addresses = new TreeSet<>();
    String hexPort = String.format("%04X", port);
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      List<String> lines = Files.readAllLines(Path.of(table));
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.trim().split("\\s+");
        String[] local = f[1].split(":");
        if (local[1].equals(hexPort) && f[3].equals("0A")) {
          addresses.add(address(local[0]));
        }
      }
    }
    return addresses;
  }

  /** An address as the kernel writes it (little-endian words), as text. */
  private static String address(String hex) {
    byte[] b = new byte[hex.length() / 2];
    for (int word = 0; word < b.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        b[word * 4 + i] =
            (byte)
                Integer.parseInt(
                    hex.substring(word * 8 + (3 - i) * 2, word * 8 + (3 - i) * 2 + 2), 16);
      }
    }
    try {
      return java.net.InetAddress.getByAddress(b).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the server answered: the status, the headers (names in lower case) and the body. */
  private record Answer(int status, Map<String, String> headers, String body) {}

  private static Answer http(int port, String method, String path, String host, String... headers)
      throws IOException {
    return http("127.0.0.1", port, method, path, host, headers);
  }

  private static Answer http(
      String address, int port, String method, String path, String host, String... headers)
      throws IOException {
    try (Socket s = new Socket(address, port)) {
      s.setSoTimeout(30_000);
      StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
      request.append("Host: ").append(host).append("\r\nConnection: close\r\n");
      for (String h : headers) {
        request.append(h).append("\r\n");
      }
      request.append("\r\n");
      OutputStream out = s.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String raw = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String[] parts = raw.split("\r\n\r\n", 2);
      String[] lines = parts[0].split("\r\n");
      Map<String, String> names = new java.util.HashMap<>();
      for (int i = 1; i < lines.length; i++) {
        String[] kv = lines[i].split(":", 2);
        names.put(kv[0].trim().toLowerCase(java.util.Locale.ROOT), kv[1].trim());
      }
      return new Answer(
          Integer.parseInt(lines[0].split(" ")[1]), names, parts.length > 1 ? parts[1] : "");
    }
  }

  @Test
  void dashboard_listensOnLoopbackOnly_andRefusesRequestsWithoutTheTokenOrFromAForeignHost(
      MotoServer.Instance moto) throws Exception {
    Dashboard d = start(moto, "--port", "0");
    try {
      assertEquals("127.0.0.1", d.host());
      assertThat(listeners(d.port())).containsExactly("127.0.0.1");
      String self = "127.0.0.1:" + d.port();

      assertEquals(401, http(d.port(), "GET", "/", self).status());
      assertEquals(401, http(d.port(), "GET", "/api/fleet", self).status());
      assertEquals(401, http(d.port(), "GET", "/static/dashboard.js", self).status());
      assertEquals(401, http(d.port(), "GET", "/?token=" + d.token() + "x", self).status());
      assertEquals(
          401,
          http(d.port(), "GET", "/api/fleet", self, "Cookie: iotsys-dashboard-" + d.port() + "=x")
              .status());
      assertEquals(403, http(d.port(), "GET", "/?token=" + d.token(), "evil.example").status());
      assertEquals(
          403, http(d.port(), "GET", "/?token=" + d.token(), "evil.example:" + d.port()).status());

      Answer first = http(d.port(), "GET", "/?token=" + d.token(), "localhost:" + d.port());
      assertEquals(303, first.status());
      assertEquals("/", first.headers().get("location"));
      String cookie = first.headers().get("set-cookie");
      assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
      String sent = "Cookie: " + cookie.split(";")[0];

      Answer fleet = http(d.port(), "GET", "/api/fleet", self, sent);
      assertEquals(200, fleet.status(), fleet.body());
      assertThat(fleet.body()).startsWith("{\"asOf\":");
      assertThat(fleet.headers().get("content-security-policy")).contains("default-src 'none'");
      // The rows name where their last day is; that read is answered once, then it is gone.
      java.util.regex.Matcher read =
          java.util.regex.Pattern.compile("\"lastDay\":\"(/api/fleet/last-day\\?read=[0-9]+)\"")
              .matcher(fleet.body());
      assertTrue(read.find(), fleet.body());
      assertEquals(200, http(d.port(), "GET", read.group(1), self, sent).status());
      Answer again = http(d.port(), "GET", read.group(1), self, sent);
      assertEquals(404, again.status());
      assertThat(again.body()).contains("This fleet read is gone").contains("reload the page");
      assertEquals(
          403, http(d.port(), "GET", "/api/fleet", "evil.example:" + d.port(), sent).status());
      assertEquals(
          405, http(d.port(), "POST", "/api/fleet", self, sent, "Content-Length: 0").status());
      assertEquals(405, http(d.port(), "DELETE", "/api/fleet", self, sent).status());
      assertEquals(
          200,
          http(d.port(), "GET", "/api/fleet", self, "Authorization: token " + d.token()).status());
    } finally {
      stop(d);
    }
    assertThat(listeners(d.port())).isEmpty();
  }

  @Test
  void dashboard_withBind_listensThereAndAnswersToThatName(MotoServer.Instance moto)
      throws Exception {
    Dashboard d = start(moto, "--port", "0", "--bind", "127.0.0.2");
    try {
      assertEquals("127.0.0.2", d.host());
      assertThat(listeners(d.port())).containsExactly("127.0.0.2");
      // A loopback address: nobody else can connect, so no warning.
      assertThat(Files.readString(home.resolve("stderr.txt"))).isEmpty();
      String token = "/?token=" + d.token();
      assertEquals(
          303, http("127.0.0.2", d.port(), "GET", token, "127.0.0.2:" + d.port()).status());
      assertEquals(403, http("127.0.0.2", d.port(), "GET", token, "evil.example").status());
    } finally {
      stop(d);
    }
  }

  @Test
  void dashboard_onAPortInUse_orABadPort_failsWithOneLine(MotoServer.Instance moto)
      throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun busy =
          CliRun.againstMoto(
              moto, home, Map.of(), "dashboard", "--port", String.valueOf(taken.getLocalPort()));
      assertEquals(6, busy.exitCode());
      assertEquals(
          "iotsys: Port "
              + taken.getLocalPort()
              + " is in use: give a free one with --port, or --port 0 for any\n",
          busy.err());
    }
    CliRun bad = CliRun.againstMoto(moto, home, Map.of(), "dashboard", "--port", "70000");
    assertEquals(2, bad.exitCode());
    assertEquals("iotsys: Invalid --port '70000': use 0 to 65535\n", bad.err());
  }
}
