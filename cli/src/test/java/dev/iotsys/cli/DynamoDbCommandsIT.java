package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iot.IotClient;

/** The command line on the DynamoDB store, against a real moto server. */
@ExtendWith(MotoServer.class)
class DynamoDbCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "iotsys.home.esp8266temp";

  /** esp8266temp keeps readings 365 days. */
  private static final long RETENTION = 365L * 86_400;

  private static CliRun iotsys(MotoServer.Instance moto, String... args) {
    String[] all = new String[args.length + 4];
    all[0] = "--endpoint-url";
    all[1] = moto.endpoint().toString();
    all[2] = "--region";
    all[3] = MotoServer.REGION;
    System.arraycopy(args, 0, all, 4, args.length);
    return CliRun.inProcess(Map.of(), all);
  }

  @Test
  void install_withStoreDynamoDb_convergesEveryType_andTheSecondRunWritesNothing(
      MotoServer.Instance moto) throws Exception {
    assertThat(SensorTypes.IDS).containsExactly("esp32bme280", "esp8266temp");
    CliRun first = iotsys(moto, "install", "--db", "home", "--store", "dynamodb");
    assertEquals(0, first.exitCode(), first.err());
    assertThat(first.out()).contains("store: dynamodb");
    for (String type : SensorTypes.IDS) {
      assertThat(first.out())
          .contains(
              "CREATED      dynamodb-table       iotsys.home." + type,
              "CREATED      iot-topic-rule       iotsys_" + type);
    }

    CliRun second =
        iotsys(moto, "install", "--db", "home", "--store", "dynamodb", "--output", "json");
    assertEquals(0, second.exitCode(), second.err());
    JsonNode doc = JSON.readTree(second.out());
    assertEquals(0, doc.at("/apiCalls/write").asInt());
    for (String type : SensorTypes.IDS) {
      assertEquals("dynamodb", doc.at("/stores/" + type).asText());
    }
    assertThat(doc.get("resources").findValuesAsText("kind"))
        .containsExactlyElementsOf(SensorTypes.resourceKinds("dynamodb-table"));
    doc.get("resources")
        .forEach(r -> assertEquals("UNCHANGED", r.get("outcome").asText(), r.toString()));
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      // Each type's table and its table of newest readings.
      assertThat(dynamo.listTables().tableNames())
          .containsExactlyInAnyOrderElementsOf(
              SensorTypes.IDS.stream()
                  .flatMap(t -> Stream.of("iotsys.home." + t, "iotsys.home." + t + "-newest"))
                  .toList());
    }
  }

  @Test
  void laterCommands_findTheStoreFromTheRule_withoutRepeatingTheFlag(MotoServer.Instance moto)
      throws Exception {
    assertEquals(0, iotsys(moto, "install", "--db", "home", "--store", "dynamodb").exitCode());
    try (IotClient iot = MotoAws.iot(moto);
        DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      iot.createThing(
          r ->
              r.thingName("kitchen")
                  .thingTypeName("esp8266temp")
                  .attributePayload(a -> a.attributes(Map.of("managedBy", "iotsys"))));
      Instant now = Instant.now();
      RuleWrites.reading(
          dynamo,
          TABLE,
          "kitchen",
          now.minus(Duration.ofMinutes(10)),
          Map.of("temperature", "21.5"),
          RETENTION);
      RuleWrites.reading(
          dynamo,
          TABLE,
          "kitchen",
          now.minus(Duration.ofMinutes(5)),
          Map.of("temperature", "22.0"),
          RETENTION);
      RuleWrites.reading(
          dynamo,
          TABLE,
          "kitchen",
          now.minus(Duration.ofDays(2)),
          Map.of("temperature", "30.0"),
          RETENTION);
    }
    CliRun again = iotsys(moto, "install", "--db", "home", "--output", "json");
    assertEquals("dynamodb", JSON.readTree(again.out()).at("/stores/esp8266temp").asText());

    CliRun data = iotsys(moto, "data", "kitchen", "--since", "24h", "--output", "json");
    assertEquals(0, data.exitCode(), data.err());
    JsonNode readings = JSON.readTree(data.out()).get("readings");
    assertThat(readings.findValuesAsText("measure")).containsExactly("temperature", "temperature");
    assertEquals("22.0", readings.get(0).get("value").toString());
    assertEquals("21.5", readings.get(1).get("value").toString());

    CliRun stats = iotsys(moto, "data", "kitchen", "--stats", "--since", "7d", "--output", "csv");
    assertEquals(0, stats.exitCode(), stats.err());
    assertThat(stats.out())
        .startsWith("measure,min,max,average,count,last\n")
        .contains("temperature,21.5,30.0,24.50,3,");

    CliRun status = iotsys(moto, "status", "--db", "home");
    assertThat(status.out())
        .containsPattern("PRESENT +dynamodb-table +" + TABLE.replace(".", "\\."))
        .doesNotContain("timestream");
  }

  @Test
  void install_withAnUnknownStore_failsInOneLineWithExitCode2(MotoServer.Instance moto) {
    CliRun run = iotsys(moto, "install", "--db", "home", "--store", "influx");
    assertEquals(2, run.exitCode());
    assertEquals("iotsys: Unknown store 'influx'; known stores: dynamodb, timestream\n", run.err());
  }

  @Test
  void uninstallDeleteData_withoutATerminal_namesEveryTableThatWouldGo(MotoServer.Instance moto) {
    assertEquals(0, iotsys(moto, "install", "--db", "home").exitCode());
    assertEquals(
        0, iotsys(moto, "install", "--db", "home", "--store", "dynamodb", "--move").exitCode());
    CliRun run = iotsys(moto, "uninstall", "--db", "home", "--delete-data");
    assertEquals(2, run.exitCode());
    assertThat(run.err())
        .startsWith("iotsys: --delete-data deletes ")
        .contains(
            "dynamodb-table " + TABLE,
            "timestream-table home.esp8266temp",
            "timestream-database home")
        .contains("--yes")
        .endsWith("\n");
    assertThat(run.err().lines()).hasSize(1);
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      // Each type's table and its table of newest readings.
      assertThat(dynamo.listTables().tableNames())
          .containsExactlyInAnyOrderElementsOf(
              SensorTypes.IDS.stream()
                  .flatMap(t -> Stream.of("iotsys.home." + t, "iotsys.home." + t + "-newest"))
                  .toList());
    }
  }

  @Test
  void dataChart_onATerminal_drawsTheWindow_andRefusesWithoutOne(MotoServer.Instance moto)
      throws Exception {
    assertEquals(0, iotsys(moto, "install", "--db", "home", "--store", "dynamodb").exitCode());
    try (IotClient iot = MotoAws.iot(moto);
        DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      iot.createThing(
          r ->
              r.thingName("kitchen")
                  .thingTypeName("esp8266temp")
                  .attributePayload(a -> a.attributes(Map.of("managedBy", "iotsys"))));
      Instant now = Instant.now();
      for (int i = 0; i < 288; i++) {
        double t = 20 + 3 * Math.sin(i * Math.PI / 144);
        RuleWrites.reading(
            dynamo,
            TABLE,
            "kitchen",
            now.minus(Duration.ofMinutes(5L * i + 1)),
            Map.of("temperature", String.format(java.util.Locale.ROOT, "%.2f", t)),
            RETENTION);
      }
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        new IotsysCli(
                new java.io.PrintStream(out, true, "UTF-8"),
                new java.io.PrintStream(err, true, "UTF-8"),
                Map.of("COLUMNS", "72", "IOTSYS_HOME", System.getProperty("java.io.tmpdir")),
                true)
            .run(
                "--endpoint-url",
                moto.endpoint().toString(),
                "--region",
                MotoServer.REGION,
                "data",
                "kitchen",
                "--chart");
    String chart = out.toString("UTF-8");
    assertEquals(0, code, err.toString("UTF-8"));
    assertThat(chart)
        .startsWith("temperature from ")
        .contains(" °C ┤", "└──", "▲ max 23", "▼ min 17", "•");
    assertThat(chart.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(72));

    java.io.ByteArrayOutputStream list = new java.io.ByteArrayOutputStream();
    assertEquals(
        0,
        new IotsysCli(
                new java.io.PrintStream(list, true, "UTF-8"),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true, "UTF-8"),
                Map.of("IOTSYS_HOME", System.getProperty("java.io.tmpdir")),
                true)
            .run(
                "--endpoint-url",
                moto.endpoint().toString(),
                "--region",
                MotoServer.REGION,
                "sensor",
                "list"));
    assertThat(list.toString("UTF-8"))
        .contains("LAST 24H")
        .containsPattern("kitchen .*[▁▂▃▄▅▆▇█]{20,}");
    assertThat(iotsys(moto, "sensor", "list").out()).doesNotContain("LAST 24H");

    // Not on a terminal, or not in text, --chart gives what the command gives without it.
    CliRun piped = iotsys(moto, "data", "kitchen", "--chart");
    assertEquals(0, piped.exitCode(), piped.err());
    assertEquals(iotsys(moto, "data", "kitchen").out(), piped.out());
    CliRun json = iotsys(moto, "data", "kitchen", "--chart", "--output", "json");
    assertEquals(0, json.exitCode(), json.err());
    assertEquals("data", JSON.readTree(json.out()).get("command").asText());
  }
}
