package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.ForeignTables;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleWrites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/**
 * Where readings go: a database or store is changed only as a move the user says ({@code --move}),
 * never by a typo or by a second home; every table iotsys made shows in {@code status} and is
 * offered by {@code uninstall --delete-data}, which deletes only what iotsys can prove it made; a
 * kept table stays protected. The command line against a real moto server.
 */
@ExtendWith(MotoServer.class)
class DataPathIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RULE = "iotsys_esp8266temp";
  private static final String HOME_TABLE = "iotsys.home.esp8266temp";
  private static final String HOM_TABLE = "iotsys.hom.esp8266temp";

  /** esp8266temp keeps readings 365 days. */
  private static final long RETENTION = 365L * 86_400;

  @TempDir Path tmp;

  private MotoServer.Instance moto;

  @BeforeEach
  void moto(MotoServer.Instance moto) {
    this.moto = moto;
  }

  private CliRun in(Path home, String... args) {
    return CliRun.againstMoto(moto, home, Map.of(), args);
  }

  private Path home(String name) throws Exception {
    return Files.createDirectories(tmp.resolve(name));
  }

  private static String settings(Path home) throws Exception {
    return Files.readString(home.resolve(".iotsys/settings.json"));
  }

  /** Where the installed rule writes, as AWS IoT shows it. */
  private String ruleTarget() {
    try (IotClient iot = MotoAws.iot(moto)) {
      Action action = iot.getTopicRule(r -> r.ruleName(RULE)).rule().actions().get(0);
      return action.dynamoDBv2() != null
          ? "dynamodb " + action.dynamoDBv2().putItem().tableName()
          : "timestream "
              + action.timestream().databaseName()
              + "."
              + action.timestream().tableName();
    }
  }

  private List<String> tables() {
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      return dynamo.listTables().tableNames();
    }
  }

  private boolean protectedTable(String table) {
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      return dynamo.describeTable(r -> r.tableName(table)).table().deletionProtectionEnabled();
    }
  }

  /** What a --delete-data killed between its two calls leaves, and status saying so. */
  private void unprotectAndSeeStatusFlagIt(Path home) {
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      dynamo.updateTable(r -> r.tableName(HOME_TABLE).deletionProtectionEnabled(false));
    }
    CliRun status = in(home, "status");
    assertEquals(8, status.exitCode(), status.out());
    assertThat(status.out().lines().filter(l -> l.contains(HOME_TABLE)))
        .singleElement()
        .satisfies(l -> assertThat(l).startsWith("DRIFTED").contains("deletion protection off"));
  }

  /**
   * Every type's table in the database home and its table of newest readings, as `install --db
   * home` on DynamoDB makes them, sorted as ListTables gives them.
   */
  private static List<String> homeTables() {
    return tablesOf("home");
  }

  private static List<String> tablesOf(String db) {
    return SensorTypes.IDS.stream()
        .flatMap(t -> Stream.of("iotsys." + db + "." + t, "iotsys." + db + "." + t + "-newest"))
        .sorted()
        .toList();
  }

  private static void assertOneLine(CliRun run, int exitCode) {
    assertEquals(exitCode, run.exitCode(), run.out() + run.err());
    assertThat(run.err().lines()).as(run.err()).hasSize(1);
  }

  /** The resources of a JSON document by "kind name". */
  private static Map<String, JsonNode> byName(JsonNode doc) {
    Map<String, JsonNode> all = new java.util.LinkedHashMap<>();
    doc.get("resources")
        .forEach(r -> all.put(r.get("kind").asText() + " " + r.get("name").asText(), r));
    return all;
  }

  @Test
  void installWithAnotherDb_onAnInstalledType_refusesNamingTheCurrentTarget_andChangesNothing()
      throws Exception {
    Path home = home("fleet");
    assertEquals(0, in(home, "install", "--db", "home", "--store", "dynamodb").exitCode());
    String settings = settings(home);

    for (String[] typo :
        List.of(
            new String[] {"sensor-type", "install", "esp8266temp", "--db", "hom"},
            new String[] {"sensor-type", "install", "esp8266temp", "--db", "hom", "--dry-run"},
            new String[] {"install", "--db", "other"},
            new String[] {"install", "--db", "other", "--dry-run"})) {
      CliRun run = in(home, typo);
      assertOneLine(run, 6);
      assertThat(run.err()).as(String.join(" ", typo)).contains("home").contains("--move");
      assertThat(ruleTarget()).isEqualTo("dynamodb " + HOME_TABLE);
      assertThat(settings(home)).isEqualTo(settings);
      assertThat(tables()).isEqualTo(homeTables());
    }

    // Another home, without settings of its own, cannot repoint the rule either: the refusal
    // names the table the readings go to now.
    CliRun elsewhere = in(home("other-home"), "install", "--db", "hom", "--store", "dynamodb");
    assertOneLine(elsewhere, 6);
    assertThat(elsewhere.err()).contains("dynamodb-table " + HOME_TABLE).contains("--move");
    assertThat(ruleTarget()).isEqualTo("dynamodb " + HOME_TABLE);
    assertThat(tables()).isEqualTo(homeTables());
  }

  @Test
  void installWithAnotherDb_inAHomeWithNothingInstalled_refusesBeforeAnyAwsCall() throws Exception {
    Path home = home("fleet");
    assertEquals(0, in(home, "install", "--db", "home", "--store", "dynamodb").exitCode());
    assertEquals(0, in(home, "uninstall").exitCode());
    String settings = settings(home);

    CliRun typo = in(home, "install", "--db", "hom", "--output", "json");
    assertEquals(6, typo.exitCode(), typo.out() + typo.err());
    assertThat(typo.err()).contains("database home").contains("--move");
    assertThat(JSON.readTree(typo.out()).at("/error/kind").asText()).isEqualTo("PRECONDITION");
    assertThat(settings(home)).isEqualTo(settings);
    assertThat(tables()).isEqualTo(homeTables());

    CliRun moved = in(home, "install", "--db", "hom", "--move");
    assertEquals(0, moved.exitCode(), moved.out() + moved.err());
    assertThat(settings(home)).contains("\"hom\"");
    assertThat(tables())
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(tablesOf("home").stream(), tablesOf("hom").stream()).toList());
  }

  @Test
  void installWithMove_movesTheRuleAndTheHome_andStatusAndUninstallShowBothTables()
      throws Exception {
    Path home = home("fleet");
    assertEquals(0, in(home, "install", "--db", "home", "--store", "dynamodb").exitCode());
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      Instant now = Instant.now();
      for (int i = 1; i <= 3; i++) {
        RuleWrites.reading(
            dynamo,
            HOME_TABLE,
            "kitchen",
            now.minusSeconds(60L * i),
            Map.of("temperature", "21." + i),
            RETENTION);
      }
    }

    CliRun move = in(home, "install", "--db", "hom", "--move");
    assertEquals(0, move.exitCode(), move.out() + move.err());
    assertThat(ruleTarget()).isEqualTo("dynamodb " + HOM_TABLE);
    assertThat(settings(home)).contains("\"hom\"").doesNotContain("\"home\"");
    assertThat(move.out()).contains("KEPT").contains(HOME_TABLE);

    CliRun again = in(home, "install", "--output", "json");
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(0, JSON.readTree(again.out()).at("/apiCalls/write").asInt());

    CliRun status = in(home, "status", "--output", "json");
    assertEquals(0, status.exitCode(), status.out() + status.err());
    Map<String, JsonNode> resources = byName(JSON.readTree(status.out()));
    assertThat(resources.get("dynamodb-table " + HOM_TABLE).get("state").asText())
        .isEqualTo("PRESENT");
    assertThat(resources.get("dynamodb-table " + HOM_TABLE).get("readings").asLong()).isZero();
    assertThat(resources.get("dynamodb-table " + HOME_TABLE).get("state").asText())
        .isEqualTo("KEPT");
    assertThat(resources.get("dynamodb-table " + HOME_TABLE).get("readings").asLong()).isEqualTo(3);
    CliRun text = in(home, "status");
    assertThat(text.out()).contains(HOME_TABLE).contains("3 readings");

    // The table the readings were moved from is kept protected: status flags it when it is not,
    // and install (which does not write to it) turns its protection on again.
    unprotectAndSeeStatusFlagIt(home);
    assertEquals(0, in(home, "install").exitCode());
    assertThat(protectedTable(HOME_TABLE)).isTrue();

    CliRun plan =
        in(home, "uninstall", "--remove-sensors", "--delete-data", "--dry-run", "--output", "json");
    assertEquals(0, plan.exitCode(), plan.err());
    Map<String, JsonNode> planned = byName(JSON.readTree(plan.out()));
    assertThat(planned.get("dynamodb-table " + HOM_TABLE).get("outcome").asText())
        .isEqualTo("WOULD_DELETE");
    assertThat(planned.get("dynamodb-table " + HOME_TABLE).get("outcome").asText())
        .isEqualTo("WOULD_DELETE");
  }

  @Test
  void sensorTypeInstall_onADynamoDbDatabaseThatDoesNotExist_exits6() throws Exception {
    Path home = home("fleet");
    CliRun run =
        in(home, "sensor-type", "install", "esp8266temp", "--db", "nothere", "--store", "dynamodb");
    assertOneLine(run, 6);
    assertThat(run.err()).contains("nothere").contains("does not exist");
    assertThat(tables()).isEmpty();
    assertThat(home.resolve(".iotsys/settings.json")).doesNotExist();
  }

  @Test
  void aSecondHomeMovingTheStore_leavesTheFirstOnTheRulesStore_andItsStatusSaysTheyDisagree()
      throws Exception {
    Path a = home("a");
    Path b = home("b");
    assertEquals(0, in(a, "install", "--db", "home").exitCode());
    assertThat(settings(a)).contains("timestream");

    CliRun moved = in(b, "install", "--db", "home", "--store", "dynamodb", "--move");
    assertEquals(0, moved.exitCode(), moved.out() + moved.err());
    assertThat(ruleTarget()).isEqualTo("dynamodb " + HOME_TABLE);

    CliRun status = in(a, "status");
    assertEquals(8, status.exitCode(), status.out() + status.err());
    assertThat(status.out()).contains("DRIFTED").contains(RULE).contains("dynamodb");

    CliRun install = in(a, "install");
    assertEquals(0, install.exitCode(), install.out() + install.err());
    assertThat(install.out()).doesNotContain("UPDATED      iot-topic-rule");
    assertThat(ruleTarget()).isEqualTo("dynamodb " + HOME_TABLE);
    assertThat(in(b, "status").exitCode()).isZero();
  }

  @Test
  void statusAfterUninstall_usesTheStoreOfTheSettings() throws Exception {
    Path home = home("fleet");
    assertEquals(0, in(home, "install", "--db", "home", "--store", "dynamodb").exitCode());
    assertEquals(0, in(home, "uninstall").exitCode());

    CliRun status = in(home, "status", "--output", "json");
    assertEquals(8, status.exitCode(), status.err());
    Map<String, JsonNode> resources = byName(JSON.readTree(status.out()));
    assertThat(resources).doesNotContainKey("timestream-database home");
    assertThat(resources.get("dynamodb-table " + HOME_TABLE).get("state").asText())
        .isEqualTo("PRESENT");
    assertThat(resources.get("iot-topic-rule " + RULE).get("state").asText()).isEqualTo("MISSING");

    CliRun plan = in(home, "install", "--dry-run");
    assertEquals(0, plan.exitCode(), plan.err());
    assertThat(plan.out()).contains("store: dynamodb").doesNotContain("timestream");
  }

  @Test
  void aForeignTableUnderAnIotsysName_isRefusedByInstallAndItsDryRun_andNeverDeleted()
      throws Exception {
    Path home = home("fleet");
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      ForeignTables.dynamoDb(dynamo, HOME_TABLE);
    }
    for (String[] install :
        List.of(
            new String[] {"install", "--db", "home", "--store", "dynamodb", "--dry-run"},
            new String[] {"install", "--db", "home", "--store", "dynamodb"})) {
      CliRun run = in(home, install);
      assertOneLine(run, 6);
      assertThat(run.err()).contains(HOME_TABLE).contains("other keys");
    }

    CliRun uninstall = in(home, "uninstall", "--db", "home", "--delete-data", "--yes");
    assertEquals(0, uninstall.exitCode(), uninstall.out() + uninstall.err());
    assertThat(tables()).containsExactly(HOME_TABLE);
    assertThat(uninstall.out()).contains(HOME_TABLE).contains("not made by iotsys");
  }

  @Test
  void aTimestreamTableIotsysDidNotMake_inAnotherDatabase_isNeverOfferedForDeletion()
      throws Exception {
    Path home = home("fleet");
    try (TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      ts.createDatabase(r -> r.databaseName("work"));
      ts.createTable(r -> r.databaseName("work").tableName("esp8266temp"));
    }
    assertEquals(0, in(home, "install", "--db", "home").exitCode());

    CliRun plan = in(home, "uninstall", "--delete-data", "--dry-run", "--output", "json");
    assertEquals(0, plan.exitCode(), plan.err());
    Map<String, JsonNode> planned = byName(JSON.readTree(plan.out()));
    assertThat(planned.get("timestream-table home.esp8266temp").get("outcome").asText())
        .isEqualTo("WOULD_DELETE");
    assertThat(planned)
        .doesNotContainKeys("timestream-table work.esp8266temp", "timestream-database work");

    assertEquals(0, in(home, "uninstall", "--delete-data", "--yes").exitCode());
    try (TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      assertThat(ts.listDatabases(r -> {}).databases())
          .extracting(d -> d.databaseName())
          .containsExactly("work");
      assertThat(ts.listTables(r -> r.databaseName("work")).tables()).hasSize(1);
    }
  }

  @Test
  void aKeptTableLeftUnprotected_isFlaggedByStatus_andProtectedAgainByUninstallAndInstall()
      throws Exception {
    Path home = home("fleet");
    assertEquals(0, in(home, "install", "--db", "home", "--store", "dynamodb").exitCode());
    assertEquals(0, in(home, "uninstall").exitCode());

    List<String> seen = new ArrayList<>();
    for (String[] repair :
        List.of(
            new String[] {"uninstall"},
            new String[] {"install", "--dry-run"},
            new String[] {"install"})) {
      unprotectAndSeeStatusFlagIt(home);

      CliRun run = in(home, repair);
      assertEquals(0, run.exitCode(), run.out() + run.err());
      seen.add(String.join(" ", repair) + ": " + protectedTable(HOME_TABLE));
    }
    assertThat(seen)
        .containsExactly("uninstall: true", "install --dry-run: false", "install: true");
    CliRun again = in(home, "install", "--output", "json");
    assertEquals(0, JSON.readTree(again.out()).at("/apiCalls/write").asInt(), again.out());
    assertEquals(0, in(home, "uninstall").exitCode());
    CliRun uninstallAgain = in(home, "uninstall", "--output", "json");
    assertEquals(0, JSON.readTree(uninstallAgain.out()).at("/apiCalls/write").asInt());
    assertThat(in(home, "status").out()).contains(HOME_TABLE);
  }
}
