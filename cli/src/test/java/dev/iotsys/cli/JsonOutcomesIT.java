package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * With {@code --output json} a script always reads one JSON document that carries the exit code: a
 * usage error too, and a run where some names failed. Addresses that are markup are refused.
 */
@ExtendWith(MotoServer.class)
class JsonOutcomesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  @Test
  void usageErrors_withJsonOutput_areOneJsonDocument_andNoUsageText() throws Exception {
    for (List<String> args :
        List.of(
            List.of("--output", "json", "sensor"),
            List.of("--output", "json", "alerts"),
            List.of("--output=json"),
            List.of("sensor-type", "--output", "json"))) {
      CliRun run = CliRun.inProcess(Map.of(), args.toArray(String[]::new));
      assertEquals(2, run.exitCode(), args + ": " + run.out());
      assertEquals(1, run.out().lines().count(), args + ": " + run.out());
      JsonNode error = JSON.readTree(run.out()).get("error");
      assertThat(error).as(args + ": " + run.out()).isNotNull();
      assertEquals(2, error.get("exitCode").asInt());
      assertEquals("iotsys: " + error.get("message").asText(), run.err().strip());
    }
  }

  @Test
  void aRunWhereSomeNamesFailed_hasItsExitCodeAtTheTop(MotoServer.Instance moto) throws Exception {
    assertEquals(0, CliRun.againstMoto(moto, home, Map.of(), "install", "--db", "home").exitCode());
    try (IotClient iot = MotoAws.iot(moto)) {
      // A thing of the type that iotsys did not make: remove refuses it, and removes the other.
      iot.createThing(r -> r.thingName("kitchen").thingTypeName("esp8266temp"));
    }
    CliRun run =
        CliRun.againstMoto(
            moto,
            home,
            Map.of(),
            "sensor",
            "remove",
            "esp8266temp",
            "kitchen",
            "garage",
            "--output",
            "json");
    assertEquals(7, run.exitCode(), run.out() + run.err());
    JsonNode doc = JSON.readTree(run.out());
    assertEquals(7, doc.get("exitCode").asInt(), run.out());
    assertEquals(6, doc.get("sensors").get(0).get("exitCode").asInt(), run.out());
    assertEquals(0, doc.get("sensors").get(1).get("exitCode").asInt(), run.out());
  }

  @Test
  void anAddressThatIsMarkup_isRefusedBeforeAnyAwsCall() {
    for (String address :
        List.of(
            "a@example.com\"><script>",
            "<a@example.com>",
            "Ann <a@example.com>",
            "a@example.com,b@example.com",
            "a@@example.com",
            "a@example",
            "a@-example.com")) {
      CliRun run = alertsEnable(address);
      assertEquals(2, run.exitCode(), address + ": " + run.err());
      assertThat(run.err()).startsWith("iotsys: Invalid --email '");
    }
    for (String address : List.of("me@example.com", "first.last+iot@mail.example.co.uk")) {
      CliRun run = alertsEnable(address);
      assertThat(run.err()).as(address).doesNotContain("Invalid --email");
    }
  }

  /** alerts enable against a port where nothing listens: only input checks can pass or fail. */
  private CliRun alertsEnable(String address) {
    return CliRun.inProcess(
        Map.of(),
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--region",
        "us-east-1",
        "--home",
        home.toString(),
        "alerts",
        "enable",
        "--email",
        address,
        "--dry-run");
  }
}
