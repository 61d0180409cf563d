package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second {@code sensor add} of a sensor whose settings did not change: every step is skipped and
 * nothing is written, in AWS or in the device package. (The tests' moto answers one device endpoint
 * per account, as AWS does; plain moto makes up a new one per call, which rewrote the package.)
 */
@ExtendWith(MotoServer.class)
class SensorAddAgainIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> PASSWORD = Map.of("IOTSYS_WIFI_PASSWORD", "password1");

  @TempDir Path home;

  @Test
  void sensorAdd_whenRunAgainUnchanged_writesNothingAndLeavesThePackageAlone(
      MotoServer.Instance moto) throws Exception {
    assertEquals(0, CliRun.againstMoto(moto, home, Map.of(), "install", "--db", "home").exitCode());
    String[] add = {"sensor", "add", "esp8266temp", "kitchen", "--wifi-ssid", "net"};
    CliRun first = CliRun.againstMoto(moto, home, PASSWORD, add);
    assertEquals(0, first.exitCode(), first.err());
    Path config = home.resolve("sensor-esp8266temp/sensors/kitchen/config.json");
    String endpoint = JSON.readTree(config.toFile()).get("endpoint").asText();

    List<String> again = new ArrayList<>(List.of(add));
    again.addAll(List.of("--output", "json"));
    CliRun second = CliRun.againstMoto(moto, home, PASSWORD, again.toArray(String[]::new));

    assertEquals(0, second.exitCode(), second.err());
    JsonNode doc = JSON.readTree(second.out());
    assertEquals(0, doc.get("apiCalls").get("write").asInt(), second.out());
    JsonNode sensor = doc.get("sensors").get(0);
    assertEquals("UNCHANGED", sensor.get("outcome").asText(), second.out());
    for (JsonNode step : sensor.get("steps")) {
      assertThat(step.get("outcome").asText())
          .as("step %s", step.get("step").asText())
          .isEqualTo("UNCHANGED");
    }
    assertEquals(endpoint, JSON.readTree(Files.readString(config)).get("endpoint").asText());
  }
}
