package dev.iotsys.cli;

import static dev.iotsys.testing.MotoQueryResults.lastTimeColumns;
import static dev.iotsys.testing.MotoQueryResults.page;
import static dev.iotsys.testing.MotoQueryResults.readingColumns;
import static dev.iotsys.testing.MotoQueryResults.row;
import static dev.iotsys.testing.MotoQueryResults.statsColumns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoQueryResults;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/** {@code iotsys status}, {@code uninstall} and {@code data} end to end against moto. */
@ExtendWith(MotoServer.class)
class TeardownAndDataIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The exact SQL iotsys sends for {@code iotsys data kitchen} (moto answers only that). */
  private static final String READINGS_SQL =
      "SELECT time, measure_name, measure_value::double AS"
          + " reading_value FROM \"home\".\"esp8266temp\" WHERE device = 'kitchen' AND measure_name"
          + " IN ('temperature') AND time > ago(24h) ORDER BY time DESC, measure_name LIMIT 100";

  private static final String STATS_SQL =
      "SELECT measure_name, min(measure_value::double) AS"
          + " min_value, max(measure_value::double) AS max_value, avg(measure_value::double) AS"
          + " avg_value, count(measure_value::double) AS value_count, max(time) AS last_time FROM"
          + " \"home\".\"esp8266temp\" WHERE device = 'kitchen' AND measure_name IN ('temperature')"
          + " AND time > ago(24h) GROUP BY measure_name ORDER BY measure_name";

  @TempDir Path home;

  private MotoServer.Instance moto;

  @BeforeEach
  void moto(MotoServer.Instance moto) {
    this.moto = moto;
  }

  private CliRun iotsys(String... args) {
    return CliRun.againstMoto(moto, home, Map.of("IOTSYS_WIFI_PASSWORD", "correct horse"), args);
  }

  private void installWithTwoSensors() {
    assertEquals(0, iotsys("install", "--db", "home").exitCode());
    CliRun add = iotsys("sensor", "add", "esp8266temp", "kitchen", "garage", "--wifi-ssid", "n");
    assertEquals(0, add.exitCode(), add.err());
  }

  @Test
  void status_isConvergedAfterInstall_thenReportsAHandEditedPolicyAsDriftedWithoutChangingIt()
      throws Exception {
    installWithTwoSensors();
    CliRun ok = iotsys("status", "--db", "home", "--output", "json");
    assertEquals(0, ok.exitCode(), ok.out() + ok.err());
    JsonNode doc = JSON.readTree(ok.out());
    assertEquals(true, doc.get("converged").asBoolean());
    assertEquals(0, doc.at("/apiCalls/write").asInt());
    assertThat(doc.get("sensors").findValuesAsText("name")).containsExactly("garage", "kitchen");

    try (IotClient iot = MotoAws.iot(moto)) {
      iot.createPolicyVersion(
          r ->
              r.policyName("iotsys-esp8266temp-device")
                  .setAsDefault(true)
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Action\":\"iot:*\",\"Resource\":\"*\"}]}"));
      CliRun drifted = iotsys("status", "--db", "home");
      assertEquals(8, drifted.exitCode(), drifted.err());
      assertThat(drifted.out())
          .contains("DRIFTED  iot-policy           iotsys-esp8266temp-device (policy document")
          .contains("status: 1 problem");
      assertEquals(
          2,
          iot.listPolicyVersions(r -> r.policyName("iotsys-esp8266temp-device"))
              .policyVersions()
              .size(),
          "status changed nothing");
    }
  }

  @Test
  void status_readsTheNewestReadingOfAllSensorsOfATypeInOneQuery() throws Exception {
    installWithTwoSensors();
    MotoQueryResults.preload(
        moto,
        "SELECT device, max(time) AS last_time"
            + " FROM \"home\".\"esp8266temp\" WHERE measure_name IN ('temperature')"
            + " AND time > ago(30d) GROUP BY device",
        page(null, lastTimeColumns(), row("kitchen", "2026-11-27 10:20:00.000000000")));

    CliRun run = iotsys("status", "--db", "home", "--output", "json");

    assertEquals(0, run.exitCode(), run.out() + run.err());
    JsonNode sensors = JSON.readTree(run.out()).get("sensors");
    assertEquals("garage", sensors.get(0).get("name").asText());
    assertThat(sensors.get(0).get("lastReading").isNull()).as("no reading in 30 days").isTrue();
    assertEquals("kitchen", sensors.get(1).get("name").asText());
    assertEquals("2026-11-27T10:20:00Z", sensors.get(1).get("lastReading").asText());
  }

  @Test
  void status_onEmptyAccount_reportsEverythingMissing() throws Exception {
    CliRun run = iotsys("status", "--db", "home", "--output", "json");
    assertEquals(8, run.exitCode());
    JSON.readTree(run.out())
        .get("resources")
        .forEach(r -> assertEquals("MISSING", r.get("state").asText()));
  }

  @Test
  void uninstall_withEverything_leavesNoIotsysResource_andASecondRunExits0() throws Exception {
    installWithTwoSensors();
    CliRun run =
        iotsys("uninstall", "--db", "home", "--remove-sensors", "--delete-data", "--yes", "--wait");
    assertEquals(0, run.exitCode(), run.err());
    assertThat(run.out())
        .contains("removed sensors: garage, kitchen", "DELETED      timestream-database  home");
    assertNoIotsysResourceLeft(true);
    assertThat(home.resolve("certificates/kitchen")).doesNotExist();

    CliRun again =
        iotsys(
            "uninstall",
            "--db",
            "home",
            "--remove-sensors",
            "--delete-data",
            "--yes",
            "--wait",
            "--output",
            "json");
    assertEquals(0, again.exitCode(), again.err());
    JSON.readTree(again.out())
        .get("resources")
        .forEach(r -> assertEquals("ABSENT", r.get("outcome").asText(), r.toString()));
  }

  @Test
  void uninstall_withoutDeleteData_keepsTheDatabaseAndTable() throws Exception {
    installWithTwoSensors();
    CliRun run = iotsys("uninstall", "--db", "home", "--remove-sensors");
    assertEquals(0, run.exitCode(), run.err());
    assertThat(run.out())
        .contains("KEPT         timestream-table     home.esp8266temp", "the readings were kept");
    assertNoIotsysResourceLeft(false);
    try (TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      assertEquals(
          "esp8266temp",
          ts.describeTable(r -> r.databaseName("home").tableName("esp8266temp"))
              .table()
              .tableName());
    }
  }

  @Test
  void uninstall_whileSensorsExist_refusesAndNamesThem() {
    installWithTwoSensors();
    CliRun run = iotsys("uninstall", "--db", "home");
    assertEquals(6, run.exitCode());
    assertEquals(
        "iotsys: Sensors still exist: esp8266temp: garage, kitchen; remove them first or"
            + " add --remove-sensors\n",
        run.err());
    try (IotClient iot = MotoAws.iot(moto)) {
      assertThat(iot.listTopicRules(r -> {}).rules()).hasSize(SensorTypes.IDS.size());
    }
  }

  @Test
  void uninstall_deleteDataWithoutATerminalOrYes_refusesAndRemovesNothing() {
    assertEquals(0, iotsys("install", "--db", "home").exitCode());
    CliRun run = iotsys("uninstall", "--db", "home", "--delete-data");
    assertEquals(2, run.exitCode());
    assertThat(run.err()).contains("add --yes to confirm");
    try (IotClient iot = MotoAws.iot(moto)) {
      assertThat(iot.listTopicRules(r -> {}).rules()).hasSize(SensorTypes.IDS.size());
    }
  }

  @Test
  void uninstall_ofAHalfUninstalledSystem_removesWhatIsLeft() throws Exception {
    assertEquals(0, iotsys("install", "--db", "home").exitCode());
    try (IotClient iot = MotoAws.iot(moto);
        IamClient iam = MotoAws.iam(moto)) {
      iot.deleteTopicRule(r -> r.ruleName("iotsys_esp8266temp"));
      iam.deleteRolePolicy(
          r -> r.roleName("iotsys-esp8266temp-rule").policyName("iotsys-esp8266temp-rule-access"));
    }
    CliRun run = iotsys("uninstall", "--db", "home", "--output", "json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode resources = JSON.readTree(run.out()).get("resources");
    assertEquals("ABSENT", outcome(resources, "iot-topic-rule", "iotsys_esp8266temp"));
    assertEquals("DELETED", outcome(resources, "iam-role", "iotsys-esp8266temp-rule"));
    for (String other : SensorTypes.besides("esp8266temp")) {
      assertEquals("DELETED", outcome(resources, "iot-topic-rule", "iotsys_" + other));
    }
    assertNoIotsysResourceLeft(false);
  }

  @Test
  void uninstall_dryRun_listsWhatWouldGoAndChangesNothing() throws Exception {
    installWithTwoSensors();
    CliRun run =
        iotsys(
            "uninstall",
            "--db",
            "home",
            "--remove-sensors",
            "--delete-data",
            "--dry-run",
            "--output",
            "json");
    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = JSON.readTree(run.out());
    assertEquals(0, doc.at("/apiCalls/write").asInt());
    assertThat(doc.get("removedSensors").toString()).contains("garage", "kitchen");
    doc.get("resources").forEach(r -> assertEquals("WOULD_DELETE", r.get("outcome").asText()));
    assertEquals(0, iotsys("status", "--db", "home").exitCode());
  }

  @Test
  void uninstall_dryRunWhileSensorsExist_showsTheWholePlan_andWhatARealRunWouldRefuse()
      throws Exception {
    installWithTwoSensors();
    CliRun run = iotsys("uninstall", "--db", "home", "--dry-run");
    assertEquals(0, run.exitCode(), run.err());
    assertThat(run.out())
        .contains(
            "note: a real run would refuse: Sensors still exist:"
                + " esp8266temp: garage, kitchen; remove them first or add --remove-sensors",
            "WOULD_DELETE iot-topic-rule",
            "KEPT         timestream-table");
    assertEquals(0, iotsys("status", "--db", "home").exitCode());
    CliRun real = iotsys("uninstall", "--db", "home");
    assertEquals(6, real.exitCode());
  }

  @Test
  void sensorTypeUninstall_findsTheDatabaseFromTheRule_andDeletesOnlyTheTable() throws Exception {
    assertEquals(0, iotsys("install", "--db", "home").exitCode());
    CliRun run = iotsys("sensor-type", "uninstall", "esp8266temp", "--delete-data", "--yes");
    assertEquals(0, run.exitCode(), run.err());
    assertThat(run.out()).contains("DELETED      timestream-table     home.esp8266temp");
    try (TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      assertEquals(
          "home", ts.describeDatabase(r -> r.databaseName("home")).database().databaseName());
      // Only this type's table goes; every other type keeps its own.
      assertThat(ts.listTables(r -> r.databaseName("home")).tables())
          .extracting(t -> t.tableName())
          .containsExactlyElementsOf(SensorTypes.besides("esp8266temp"));
    }
  }

  @Test
  void data_printsPreloadedReadingsAcrossPagesAsTableJsonAndCsv() throws Exception {
    installWithTwoSensors();
    for (int i = 0; i < 3; i++) {
      MotoQueryResults.preload(
          moto,
          READINGS_SQL,
          page(
              "p1",
              readingColumns(),
              row("2026-11-27 10:20:00.000000000", "temperature", "22.5"),
              row("2026-11-27 10:15:00.000000000", "temperature", null)),
          page(
              null,
              readingColumns(),
              row("2026-11-27 10:10:00.000000000", "temperature", "-1.25")));
    }
    CliRun table = iotsys("data", "kitchen");
    assertEquals(0, table.exitCode(), table.err());
    assertThat(table.out().lines())
        .containsExactly(
            "time                  measure      value",
            "2026-11-27T10:20:00Z  temperature  22.5",
            "2026-11-27T10:15:00Z  temperature  -",
            "2026-11-27T10:10:00Z  temperature  -1.25");

    CliRun json = iotsys("data", "kitchen", "--output", "json");
    assertEquals(0, json.exitCode(), json.err());
    // One thing read, one rule read (it names the store), one query per page of the answer.
    assertEquals(
        "{\"command\":\"data\",\"sensor\":\"kitchen\",\"since\":\"24h\",\"readings\":["
            + "{\"time\":\"2026-11-27T10:20:00Z\",\"measure\":\"temperature\",\"value\":22.5},"
            + "{\"time\":\"2026-11-27T10:15:00Z\",\"measure\":\"temperature\",\"value\":null},"
            + "{\"time\":\"2026-11-27T10:10:00Z\",\"measure\":\"temperature\",\"value\":-1.25}],"
            + "\"apiCalls\":{\"read\":4,\"write\":0,\"byOperation\":{\"Iot:DescribeThing\":1,"
            + "\"Iot:GetTopicRule\":1,\"TimestreamQuery:Query\":2}}}",
        json.out().strip());

    CliRun csv = iotsys("data", "kitchen", "--output", "csv");
    assertEquals(0, csv.exitCode(), csv.err());
    assertThat(csv.out().lines())
        .containsExactly(
            "time,measure,value",
            "2026-11-27T10:20:00Z,temperature,22.5",
            "2026-11-27T10:15:00Z,temperature,",
            "2026-11-27T10:10:00Z,temperature,-1.25");
  }

  @Test
  void dataStats_printsMinMaxAverageCountAndLastTime() throws Exception {
    installWithTwoSensors();
    MotoQueryResults.preload(
        moto,
        STATS_SQL,
        page(
            null,
            statsColumns(),
            row("temperature", "12.5", "24.0", "18.25", "288", "2026-11-27 10:20:00.000000000")));
    CliRun run = iotsys("data", "kitchen", "--stats", "--output", "csv");
    assertEquals(0, run.exitCode(), run.err());
    assertThat(run.out().lines())
        .containsExactly(
            "measure,min,max,average,count,last",
            "temperature,12.5,24.0,18.25,288,2026-11-27T10:20:00Z");
  }

  @Test
  void data_badInput_oneLineAndTheDocumentedCode() {
    assertEquals(0, iotsys("install", "--db", "home").exitCode());
    assertOneLine(iotsys("data", "kitchen", "--since", "yesterday"), 2, "Invalid --since");
    assertOneLine(iotsys("data", "kitchen' OR '1'='1"), 2, "Invalid sensor name");
    assertOneLine(iotsys("data", "kitchen", "--limit", "0"), 2, "Invalid --limit");
    assertOneLine(iotsys("data", "nosuch"), 6, "No sensor named nosuch");
    assertOneLine(
        iotsys("install", "--db", "home", "--output", "csv"),
        2,
        "--output csv applies only to 'data'");
  }

  private static void assertOneLine(CliRun run, int code, String message) {
    assertEquals(code, run.exitCode(), run.err());
    assertThat(run.err()).startsWith("iotsys: ").contains(message);
    assertEquals(1, run.err().lines().count(), run.err());
  }

  private void assertNoIotsysResourceLeft(boolean dataDeletedToo) throws Exception {
    try (IotClient iot = MotoAws.iot(moto);
        IamClient iam = MotoAws.iam(moto);
        CloudWatchLogsClient logs = MotoAws.logs(moto);
        TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      assertThat(iot.listThings(r -> {}).things()).isEmpty();
      assertThat(iot.listCertificates(r -> {}).certificates()).isEmpty();
      assertThat(iot.listPolicies(r -> {}).policies()).isEmpty();
      assertThat(iot.listTopicRules(r -> {}).rules()).isEmpty();
      assertThat(iot.listThingTypes(r -> {}).thingTypes()).isEmpty();
      assertThat(iam.listRoles().roles()).isEmpty();
      assertThat(logs.describeLogGroups(r -> {}).logGroups()).isEmpty();
      if (dataDeletedToo) {
        assertThat(ts.listDatabases(r -> {}).databases()).isEmpty();
      }
    }
    assertThat(Files.exists(home.resolve("sensor-esp8266temp/sensors/kitchen"))).isFalse();
  }

  /** The outcome of one resource of a command's JSON, by kind and name. */
  private static String outcome(JsonNode resources, String kind, String name) {
    for (JsonNode r : resources) {
      if (r.get("kind").asText().equals(kind) && r.get("name").asText().equals(name)) {
        return r.get("outcome").asText();
      }
    }
    throw new AssertionError("no " + kind + " " + name + " in " + resources);
  }
}
