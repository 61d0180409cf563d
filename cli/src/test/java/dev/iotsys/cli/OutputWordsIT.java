package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;

/** Output that says what happened in the words a reader expects, laid out the same every time. */
@ExtendWith(MotoServer.class)
class OutputWordsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> PASSWORD = Map.of("IOTSYS_WIFI_PASSWORD", "password1");

  @TempDir Path home;

  private MotoServer.Instance moto;

  @BeforeEach
  void install(MotoServer.Instance moto) {
    this.moto = moto;
    assertEquals(0, run("install", "--db", "home", "--store", "dynamodb").exitCode());
  }

  private CliRun run(String... args) {
    return CliRun.againstMoto(moto, home, PASSWORD, args);
  }

  /** As on a terminal: progress on standard error, the result on standard output. */
  private CliRun onATerminal(String... args) {
    return CliRun.againstMoto(moto, home, PASSWORD, true, args);
  }

  @Test
  void aNewSensor_isCreatedInEveryStep_noneOfThemUpdated() throws Exception {
    CliRun added =
        run("sensor", "add", "esp8266temp", "kitchen", "--wifi-ssid", "net", "--output", "json");
    assertEquals(0, added.exitCode(), added.err());
    List<String> outcomes = new ArrayList<>();
    for (JsonNode step : JSON.readTree(added.out()).at("/sensors/0/steps")) {
      if (!step.get("outcome").asText().equals("UNCHANGED")) {
        outcomes.add(step.get("step").asText() + " " + step.get("outcome").asText());
      }
    }
    assertThat(outcomes)
        .contains("activation CREATED", "thing-record CREATED", "certificate-files CREATED")
        .allMatch(o -> o.endsWith(" CREATED"));
  }

  @Test
  void aDryRunOnATerminal_showsEachNamesPlanInOneLayout_howeverManyNames() {
    CliRun one =
        onATerminal("sensor", "add", "esp8266temp", "kitchen", "--wifi-ssid", "n", "--dry-run");
    CliRun three =
        onATerminal(
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "cellar",
            "attic",
            "--wifi-ssid",
            "n",
            "--dry-run");
    assertEquals(0, one.exitCode(), one.err());
    assertEquals(0, three.exitCode(), three.err());
    List<String> kitchen = one.out().lines().filter(l -> !l.startsWith("sensor add:")).toList();
    assertThat(kitchen).hasSizeGreaterThan(5);
    for (String name : List.of("kitchen", "cellar", "attic")) {
      List<String> expected = kitchen.stream().map(l -> l.replace("kitchen", name)).toList();
      assertThat(three.out().lines().toList()).containsSubsequence(expected);
      int first = three.out().lines().toList().indexOf(expected.get(0));
      assertEquals(
          expected,
          three.out().lines().toList().subList(first, first + expected.size()),
          "the plan of " + name + " in one piece");
    }
    assertThat(three.err()).doesNotContain("would ");
  }

  @Test
  void statusColumns_lineUpAcrossSensorsOfDifferentNameLengths() {
    assertEquals(
        0, run("sensor", "add", "esp8266temp", "kitchen", "a", "--wifi-ssid", "net").exitCode());
    List<String> sensors =
        run("status").out().lines().filter(l -> l.contains(" sensor esp8266temp ")).toList();
    assertThat(sensors).hasSize(2);
    assertEquals(sensors.get(0).indexOf("certificates:"), sensors.get(1).indexOf("certificates:"));
    assertEquals(sensors.get(0).indexOf("key:"), sensors.get(1).indexOf("key:"));
    assertEquals(sensors.get(0).indexOf("last reading:"), sensors.get(1).indexOf("last reading:"));
  }

  @Test
  void roleDrift_showsWhereAsCurrentToWanted() {
    try (IamClient iam = MotoAws.iam(moto)) {
      String trust =
          iam.getRole(r -> r.roleName("iotsys-esp8266temp-rule")).role().assumeRolePolicyDocument();
      String decoded = java.net.URLDecoder.decode(trust, StandardCharsets.UTF_8);
      iam.updateAssumeRolePolicy(
          r ->
              r.roleName("iotsys-esp8266temp-rule")
                  .policyDocument(decoded.replace("iot.amazonaws.com", "lambda.amazonaws.com")));
    }
    CliRun status = run("status");
    assertEquals(8, status.exitCode(), status.err());
    assertThat(status.out())
        .contains(
            "DRIFTED  iam-role",
            "trust policy Statement[0].Principal.Service: \"lambda.amazonaws.com\" \u2192"
                + " \"iot.amazonaws.com\"");
  }

  @Test
  void uninstallRemovingSensors_showsEachSensorWithItsSteps_notAsNotes_andNamesWhatKeepsReadings() {
    assertEquals(
        0,
        run("sensor", "add", "esp8266temp", "kitchen", "garage", "--wifi-ssid", "net").exitCode());
    CliRun uninstall = run("uninstall", "--remove-sensors");
    assertEquals(0, uninstall.exitCode(), uninstall.err());
    assertThat(uninstall.out())
        .doesNotContain("note:")
        .contains("DELETED      sensor               kitchen\n    found thing kitchen")
        .contains("DELETED      sensor               garage\n")
        .contains("    DELETED       thing kitchen\n        deleted thing kitchen\n")
        .contains(
            "the readings were kept in "
                + String.join(
                    ", ",
                    SensorTypes.IDS.stream().map(t -> "dynamodb-table iotsys.home." + t).toList())
                + (SensorTypes.IDS.size() == 1
                    ? ": add --delete-data to delete it with every reading"
                    : ": add --delete-data to delete them with every reading"))
        .doesNotContain("database");
  }
}
