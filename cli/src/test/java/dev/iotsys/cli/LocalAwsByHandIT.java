package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Trying it without an account": {@code make moto}'s script starts a local AWS and
 * prints what to export; with exactly that, the packaged command line installs and adds a sensor
 * whose key certifies its certificate (which plain moto would not give).
 */
class LocalAwsByHandIT {
  private static final Pattern EXPORT = Pattern.compile("export ((?:[A-Z_]+=\\S+ ?)+)");

  @TempDir Path tmp;

  @Test
  void theScriptsPrintedEnvironment_isAllTheCommandLineNeeds() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path root = Path.of("..").toAbsolutePath().normalize();
    Process moto =
        new ProcessBuilder(root.resolve("scripts/local-aws.sh").toString(), String.valueOf(port))
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    try {
      Map<String, String> env = new HashMap<>();
      BufferedReader out =
          new BufferedReader(new InputStreamReader(moto.getInputStream(), StandardCharsets.UTF_8));
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        Matcher m = EXPORT.matcher(line.strip());
        if (m.lookingAt()) {
          for (String pair : m.group(1).trim().split(" ")) {
            String[] kv = pair.split("=", 2);
            env.put(kv[0], kv[1]);
          }
        }
        if (line.contains("Running on")) {
          break;
        }
      }
      assertThat(env)
          .containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port)
          .containsKeys("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
      // Drain the server's log so it never blocks on a full pipe.
      Thread drain = new Thread(() -> out.lines().forEach(l -> {}));
      drain.setDaemon(true);
      drain.start();

      Path home = Files.createDirectories(tmp.resolve("fleet"));
      CliRun install = CliRun.process(home, env, "install", "--db", "home", "--store", "dynamodb");
      assertEquals(0, install.exitCode(), install.out() + install.err());
      env.put("IOTSYS_WIFI_PASSWORD", "by-hand-pass");
      CliRun add =
          CliRun.process(home, env, "sensor", "add", "esp8266temp", "kitchen", "--wifi-ssid", "n");
      assertEquals(0, add.exitCode(), add.out() + add.err());
      CliRun list = CliRun.process(home, env, "sensor", "list", "--output", "json");
      assertEquals(0, list.exitCode(), list.err());
      JsonNode kitchen = new ObjectMapper().readTree(list.out()).at("/sensors/0");
      assertEquals("kitchen", kitchen.get("name").asText());
      assertEquals(
          "PRESENT", kitchen.get("keyState").asText(), "the key certifies its certificate");
    } finally {
      moto.destroy();
      if (!moto.waitFor(10, TimeUnit.SECONDS)) {
        moto.destroyForcibly();
      }
    }
  }
}
