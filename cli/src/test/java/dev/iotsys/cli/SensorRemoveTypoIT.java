package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sensor remove} of a name with no sensor stays idempotent (exit 0, nothing changed) but
 * does not look like a removal: it says nothing was removed, and names the nearest sensor there is.
 */
@ExtendWith(MotoServer.class)
class SensorRemoveTypoIT {
  @TempDir Path home;

  @Test
  void sensorRemove_ofAMistypedName_saysNothingWasRemoved_andSuggestsTheNearestSensor(
      MotoServer.Instance moto) throws Exception {
    assertEquals(0, CliRun.againstMoto(moto, home, Map.of(), "install", "--db", "home").exitCode());
    CliRun added =
        CliRun.againstMoto(
            moto,
            home,
            Map.of("IOTSYS_WIFI_PASSWORD", "password1"),
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "--wifi-ssid",
            "net");
    assertEquals(0, added.exitCode(), added.err());

    CliRun typo = CliRun.againstMoto(moto, home, Map.of(), "sensor", "remove", "kitchn");

    assertEquals(0, typo.exitCode(), typo.err());
    assertThat(typo.out())
        .contains("ABSENT        kitchn: found no thing kitchn; nothing was removed")
        .contains("did you mean 'kitchen'?");
    CliRun json =
        CliRun.againstMoto(
            moto, home, Map.of(), "sensor", "remove", "kitchn", "--dry-run", "--output", "json");
    JsonNode sensor = new ObjectMapper().readTree(json.out()).get("sensors").get(0);
    assertEquals("ABSENT", sensor.get("outcome").asText());
    assertThat(sensor.get("actions").toString())
        .contains("nothing would be removed; did you mean 'kitchen'?");
    CliRun list = CliRun.againstMoto(moto, home, Map.of(), "sensor", "list");
    assertThat(list.out()).contains("kitchen");
  }
}
