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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@code iotsys alerts enable|set|list|disable} end to end: the command line on a real moto server,
 * with the esp8266temp sensor type (one measure, so thresholds need no --measure).
 */
@ExtendWith(MotoServer.class)
class AlertsCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:iotsys-alerts";

  @TempDir Path home;

  private MotoServer.Instance moto;

  @BeforeEach
  void moto(MotoServer.Instance moto) {
    this.moto = moto;
  }

  private CliRun iotsys(String... args) {
    return CliRun.againstMoto(moto, home, Map.of("IOTSYS_WIFI_PASSWORD", "correct horse"), args);
  }

  private void installWithKitchen() {
    assertEquals(0, iotsys("install", "--db", "home").exitCode());
    CliRun add = iotsys("sensor", "add", "esp8266temp", "kitchen", "--wifi-ssid", "n");
    assertEquals(0, add.exitCode(), add.err());
  }

  private MetricAlarm alarm(String name) {
    try (CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      return cw.describeAlarms(r -> r.alarmNames(name)).metricAlarms().get(0);
    }
  }

  @Test
  void enable_makesEverythingOnce_andTheSecondRunWritesNothing() throws Exception {
    installWithKitchen();

    CliRun first = iotsys("alerts", "enable", "--email", "me@example.com");
    assertEquals(0, first.exitCode(), first.err());
    assertThat(first.out().lines())
        .contains(
            "CREATED      sns-topic            iotsys-alerts",
            "CREATED      sns-subscription     me@example.com",
            "CREATED      iam-role             iotsys-esp8266temp-metrics",
            "CREATED      iot-topic-rule       iotsysmetrics_esp8266temp",
            "CREATED      cloudwatch-alarm     iotsys/kitchen/silent");
    // moto confirms a subscription at once (AWS e-mails a link first): no note of an e-mail.
    // A metrics role and rule for every installed type, a silence alarm for the one sensor.
    int resources = 3 + 2 * SensorTypes.IDS.size();
    assertThat(first.out())
        .doesNotContain("e-mailed")
        .contains("note: Not armed, as no reading is stored yet: kitchen")
        .contains(
            "alerts enable: " + resources + " resources, " + resources + " created (AWS calls: ");
    try (IotClient iot = MotoAws.iot(moto)) {
      var action =
          iot.getTopicRule(r -> r.ruleName("iotsysmetrics_esp8266temp"))
              .rule()
              .actions()
              .get(0)
              .cloudwatchMetric();
      assertEquals(
          "iotsys/esp8266temp",
          action.metricNamespace(),
          "the metric goes into the namespace the alarms watch");
      assertEquals(action.metricNamespace(), alarm("iotsys/kitchen/silent").namespace());
    }
    MetricAlarm silence = alarm("iotsys/kitchen/silent");
    assertEquals("breaching", silence.treatMissingData());
    assertEquals(List.of(TOPIC), silence.alarmActions());

    CliRun second = iotsys("alerts", "enable", "--email", "me@example.com", "--output", "json");
    assertEquals(0, second.exitCode(), second.err());
    JsonNode doc = JSON.readTree(second.out());
    assertEquals("alerts enable", doc.get("command").asText());
    assertEquals(false, doc.get("changed").asBoolean());
    assertEquals(0, doc.at("/apiCalls/write").asInt());
    assertThat(doc.at("/apiCalls/byOperation").fieldNames())
        .toIterable()
        .contains("CloudWatch:DescribeAlarms", "Sns:GetTopicAttributes");
    doc.get("resources").forEach(r -> assertEquals("UNCHANGED", r.get("outcome").asText()));
  }

  @Test
  void set_above30_addsAThresholdAlarmAt30_andNegativeNumbersAreValues() throws Exception {
    installWithKitchen();
    assertEquals(0, iotsys("alerts", "enable", "--email", "me@example.com").exitCode());

    CliRun set = iotsys("alerts", "set", "kitchen", "--above", "30");
    assertEquals(0, set.exitCode(), set.err());
    assertThat(set.out())
        .contains(
            "CREATED      cloudwatch-alarm     iotsys/kitchen/temperature-above",
            "UPDATED      cloudwatch-alarm     iotsys/kitchen/silent (description: ");
    MetricAlarm above = alarm("iotsys/kitchen/temperature-above");
    assertEquals(30.0, above.threshold());
    assertEquals("GreaterThanThreshold", above.comparisonOperatorAsString());
    assertEquals("Maximum", above.statisticAsString());
    assertEquals(List.of(TOPIC), above.alarmActions());

    CliRun below =
        iotsys("alerts", "set", "kitchen", "--below", "-5", "--dry-run", "--output", "json");
    assertEquals(0, below.exitCode(), below.err());
    JsonNode plan = JSON.readTree(below.out());
    assertEquals(true, plan.get("dryRun").asBoolean());
    assertEquals(0, plan.at("/apiCalls/write").asInt());
    assertThat(plan.get("resources").findValuesAsText("outcome")).contains("WOULD_CREATE");
  }

  @Test
  void list_andStatus_showAnAlarmPutIntoAlarmByHand_andStatusStillExits0() throws Exception {
    installWithKitchen();
    assertEquals(0, iotsys("alerts", "enable", "--email", "me@example.com").exitCode());
    try (CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      cw.setAlarmState(
          r -> r.alarmName("iotsys/kitchen/silent").stateValue("ALARM").stateReason("by hand"));
    }

    CliRun list = iotsys("alerts", "list");
    assertEquals(0, list.exitCode(), list.err());
    assertThat(list.out().lines())
        .contains(
            "CONFIRMED  sns-subscription  me@example.com",
            "ALARM      cloudwatch-alarm  iotsys/kitchen/silent (no reading for 30m, not armed:"
                + " 'iotsys alerts set kitchen --arm')");
    assertThat(list.out())
        .contains("alerts: 1 sensor, 1 alarm in ALARM, 1 subscription (AWS" + " calls: ")
        .contains(" 0 write)");

    CliRun json = iotsys("alerts", "list", "--output", "json");
    JsonNode doc = JSON.readTree(json.out());
    assertEquals("alerts list", doc.get("command").asText());
    assertEquals(TOPIC, doc.get("topic").asText());
    assertEquals("ALARM", doc.at("/sensors/0/alarms/0/state").asText());
    assertEquals("30m", doc.at("/sensors/0/silentAfter").asText());
    assertEquals(false, doc.at("/subscriptions/0/pending").asBoolean());
    assertEquals(0, doc.at("/apiCalls/write").asInt());

    CliRun status = iotsys("status", "--db", "home");
    assertEquals(0, status.exitCode(), status.out() + status.err());
    assertThat(status.out())
        .containsPattern("(?m)^ALARM +cloudwatch-alarm +iotsys/kitchen/silent ")
        .contains("status: converged");
    JsonNode statusJson = JSON.readTree(iotsys("status", "--db", "home", "--output", "json").out());
    assertEquals("ALARM", statusJson.at("/alerts/sensors/0/alarms/0/state").asText());
    assertEquals(true, statusJson.get("converged").asBoolean());
  }

  @Test
  void sensorAddAndRemove_withAlertsEnabled_showTheAlarmInTheSensorsOutput() {
    installWithKitchen();
    assertEquals(0, iotsys("alerts", "enable", "--email", "me@example.com").exitCode());

    CliRun add = iotsys("sensor", "add", "esp8266temp", "porch", "--wifi-ssid", "n");
    assertEquals(0, add.exitCode(), add.err());
    assertThat(add.out()).contains("    created cloudwatch-alarm iotsys/porch/silent");

    CliRun remove = iotsys("sensor", "remove", "porch");
    assertEquals(0, remove.exitCode(), remove.err());
    assertThat(remove.out()).contains("    deleted cloudwatch-alarm iotsys/porch/silent");
  }

  @Test
  void disable_leavesNoAlarmTopicOrMetricAction_andASecondDisableExits0() throws Exception {
    installWithKitchen();
    assertEquals(0, iotsys("alerts", "enable", "--email", "me@example.com").exitCode());

    CliRun first = iotsys("alerts", "disable");
    assertEquals(0, first.exitCode(), first.err());
    int resources = 2 + 2 * SensorTypes.IDS.size();
    assertThat(first.out())
        .contains(
            "DELETED      sns-topic            iotsys-alerts",
            "alerts disable: " + resources + " resources, " + resources + " deleted");
    try (CloudWatchClient cw = MotoAws.cloudWatch(moto);
        SnsClient sns = MotoAws.sns(moto);
        IotClient iot = MotoAws.iot(moto)) {
      assertThat(cw.describeAlarms().metricAlarms()).isEmpty();
      assertThat(sns.listTopics().topics()).isEmpty();
      assertThat(iot.listTopicRules().rules())
          .extracting(r -> r.ruleName())
          .containsExactlyInAnyOrderElementsOf(
              SensorTypes.IDS.stream().map(t -> "iotsys_" + t).toList());
    }

    CliRun second = iotsys("alerts", "disable", "--output", "json");
    assertEquals(0, second.exitCode(), second.err());
    JsonNode doc = JSON.readTree(second.out());
    assertEquals(0, doc.at("/apiCalls/write").asInt());
    doc.get("resources").forEach(r -> assertEquals("ABSENT", r.get("outcome").asText()));
  }

  @Test
  void badInput_isOneLineAndExitCode2_beforeAnyAwsCall() {
    for (String[] args :
        List.of(
            new String[] {"alerts", "enable", "--email", "not-an-address"},
            new String[] {"alerts", "set", "kitchen", "--above", "thirty"},
            new String[] {"alerts", "set", "kitchen", "--silent-after", "3"},
            new String[] {"alerts", "set"},
            new String[] {"alerts", "list", "extra"},
            new String[] {"alerts", "list", "--email", "me@example.com"})) {
      CliRun run = iotsys(args);
      assertEquals(2, run.exitCode(), String.join(" ", args) + ": " + run.err());
      assertEquals(1, run.err().lines().count(), run.err());
      assertThat(run.err()).startsWith("iotsys: ");
    }
    assertEquals(2, iotsys("alerts", "enable").exitCode(), "the first enable needs an address");
  }
}
