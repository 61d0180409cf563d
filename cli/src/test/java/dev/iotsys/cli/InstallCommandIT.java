package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.stress.AccountState;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/** {@code iotsys install} and {@code iotsys sensor-type ...} against a real moto server. */
@ExtendWith(MotoServer.class)
class InstallCommandIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private CliRun iotsys(MotoServer.Instance moto, String... args) {
    return CliRun.againstMoto(moto, home, Map.of(), args);
  }

  @Test
  void install_twice_secondRunReportsEveryResourceUnchangedAndZeroWrites(MotoServer.Instance moto)
      throws Exception {
    CliRun first = iotsys(moto, "install", "--db", "home");
    assertEquals(0, first.exitCode(), first.err());
    int resources = 1 + 6 * SensorTypes.IDS.size();
    assertThat(first.out())
        .contains(
            "CREATED      iot-topic-rule       iotsys_esp8266temp",
            "CREATED      iot-topic-rule       iotsys_esp32bme280",
            "install: " + resources + " resources, " + resources + " created");

    List<String> before;
    try (AccountState account = new AccountState(moto)) {
      before = account.snapshot(home);
    }
    CliRun second = iotsys(moto, "install", "--db", "home", "--output", "json");
    assertEquals(0, second.exitCode(), second.err());
    // "0 writes" as moto sees it, not only as iotsys counts it: every policy and its versions,
    // rule, role and its policies, table, thing type and log group as before.
    try (AccountState account = new AccountState(moto)) {
      assertThat(account.snapshot(home)).isEqualTo(before);
    }
    JsonNode doc = JSON.readTree(second.out());
    assertEquals(0, doc.at("/apiCalls/write").asInt());
    assertThat(doc.at("/apiCalls/read").asInt()).isPositive();
    assertEquals(resources, doc.get("resources").size());
    doc.get("resources")
        .forEach(r -> assertEquals("UNCHANGED", r.get("outcome").asText(), r.toString()));
    List<String> kinds = new java.util.ArrayList<>(List.of("timestream-database"));
    kinds.addAll(SensorTypes.resourceKinds("timestream-table"));
    assertThat(doc.get("resources").findValuesAsText("kind")).containsExactlyElementsOf(kinds);
  }

  @Test
  void install_dryRun_onEmptyAccount_listsThePlanAndCreatesNothing(MotoServer.Instance moto)
      throws Exception {
    List<String> before;
    try (AccountState account = new AccountState(moto)) {
      before = account.snapshot(home);
    }
    CliRun plan = iotsys(moto, "install", "--db", "home", "--dry-run", "--output", "json");
    assertEquals(0, plan.exitCode(), plan.err());
    JsonNode doc = JSON.readTree(plan.out());
    assertEquals(0, doc.at("/apiCalls/write").asInt());
    assertEquals(true, doc.get("dryRun").asBoolean());
    doc.get("resources").forEach(r -> assertEquals("WOULD_CREATE", r.get("outcome").asText()));
    assertThat(iotsys(moto, "install", "--db", "home", "--dry-run").out())
        .contains("WOULD_CREATE", "dry run, nothing was changed");
    try (AccountState account = new AccountState(moto)) {
      assertThat(account.snapshot(home)).as("the account after two dry runs").isEqualTo(before);
    }
  }

  @Test
  void sensorTypeInstall_onExistingDatabase_convergesTheType(MotoServer.Instance moto) {
    try (TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      ts.createDatabase(r -> r.databaseName("mine"));
    }
    CliRun run = iotsys(moto, "sensor-type", "install", "esp8266temp", "--db", "mine");
    assertEquals(0, run.exitCode(), run.err());
    assertThat(run.out()).contains("sensor-type install: 6 resources, 6 created");
  }

  @Test
  void sensorTypeInstall_onMissingDatabase_failsInOneLineWithExitCode6(MotoServer.Instance moto) {
    CliRun run = iotsys(moto, "sensor-type", "install", "esp8266temp", "--db", "nodb");
    assertEquals(6, run.exitCode());
    assertEquals(
        "iotsys: Timestream database nodb does not exist: run 'iotsys install --db nodb'"
            + " first, or name an existing database\n",
        run.err());
    try (IotClient iot = MotoAws.iot(moto)) {
      assertThat(iot.listThingTypes().thingTypes()).isEmpty();
    }
  }

  @Test
  void sensorTypeList_showsTheTypesOnTheClassPath() throws Exception {
    CliRun run = CliRun.inProcess(Map.of(), "sensor-type", "list", "--output", "json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode types = JSON.readTree(run.out()).get("sensorTypes");
    assertEquals(2, types.size());
    // The two boards the README's "Supported boards" lists, as they declare themselves there.
    assertEquals("esp32bme280", types.get(0).get("id").asText());
    assertEquals("esp32bme280/+", types.get(0).get("topicFilter").asText());
    assertEquals(
        List.of("temperature", "humidity", "pressure"),
        List.of(JSON.convertValue(types.get(0).get("measures"), String[].class)));
    assertEquals(
        List.of("°C", "%", "hPa"),
        List.of(JSON.convertValue(types.get(0).get("units"), String[].class)));
    assertEquals(
        List.of("ec", "rsa"),
        List.of(JSON.convertValue(types.get(0).get("keyAlgorithms"), String[].class)));
    assertEquals("esp8266temp", types.get(1).get("id").asText());
    assertEquals("esp8266temp/+", types.get(1).get("topicFilter").asText());
    assertEquals(
        List.of("rsa"),
        List.of(JSON.convertValue(types.get(1).get("keyAlgorithms"), String[].class)));
    assertEquals(300, types.get(1).get("readingIntervalSeconds").asInt());
  }

  @Test
  void version_printsTheVersion() {
    CliRun run = CliRun.inProcess(Map.of(), "--version");
    assertEquals(0, run.exitCode());
    assertThat(run.out()).startsWith("iotsys ");
  }
}
