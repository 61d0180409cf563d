package dev.iotsys.api;

import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static dev.iotsys.internal.sensor.SensorFixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.api.AlertsStatus.AlarmKind;
import dev.iotsys.api.AlertsStatus.AlarmState;
import dev.iotsys.api.AlertsStatus.SensorAlerts;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoQueryResults;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.PendingConfirmation;
import dev.iotsys.testing.RuleWrites;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CloudwatchMetricAction;
import software.amazon.awssdk.services.iot.model.TopicRule;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * Alerts against a real moto server, with this module's test type (two measures: humidity and
 * temperature). moto stores alarms, their states, topics, subscriptions and rule actions as given;
 * it never evaluates an alarm (SetAlarmState drives the state here) and confirms every subscription
 * at once ({@link PendingConfirmation} shows them as AWS does before the click).
 */
@ExtendWith(MotoServer.class)
class AlertsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:iotsys-alerts";
  private static final String METRICS_RULE = "iotsysmetrics_testhumidity";
  private static final String METRICS_ROLE = "iotsys-testhumidity-metrics";
  private static final String READINGS_RULE = "iotsys_testhumidity";
  private static final String ME = "me@example.com";

  @TempDir Path home;

  private static AlertsResult enable(Iotsys iotsys, String... emails) {
    return iotsys.enableAlerts(List.of(emails), false, IotsysListener.NONE);
  }

  private static AlertsResult set(
      Iotsys iotsys,
      String sensor,
      Optional<String> measure,
      Optional<String> silentAfter,
      Optional<BigDecimal> above,
      Optional<BigDecimal> below,
      boolean clear,
      boolean arm) {
    return iotsys.setAlerts(
        new SetAlertsRequest(sensor, measure, silentAfter, above, below, clear, arm, false),
        IotsysListener.NONE);
  }

  private static AlertsResult above(Iotsys iotsys, String sensor, String value) {
    return set(
        iotsys,
        sensor,
        Optional.of("temperature"),
        Optional.empty(),
        Optional.of(new BigDecimal(value)),
        Optional.empty(),
        false,
        false);
  }

  private void installWithSensors(MotoServer.Instance moto, String... names) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home)) {
      assertTrue(iotsys.addSensors(add(names), IotsysListener.NONE).succeeded());
    }
  }

  private static List<String> resources(AlertsResult result) {
    return result.resources().stream().map(r -> r.kind() + " " + r.name()).toList();
  }

  private static Optional<MetricAlarm> alarm(CloudWatchClient cw, String name) {
    return cw.describeAlarms(r -> r.alarmNames(name)).metricAlarms().stream().findFirst();
  }

  private static List<String> alarmNames(CloudWatchClient cw) {
    return cw.describeAlarmsPaginator(r -> {}).metricAlarms().stream()
        .map(MetricAlarm::alarmName)
        .sorted()
        .toList();
  }

  @Test
  void enable_makesTheTopicSubscriptionMetricActionsAndAnUnarmedSilenceAlarmPerSensor(
      MotoServer.Instance moto) throws Exception {
    installWithSensors(moto, "kitchen", "garage");
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto);
        IamClient iam = MotoAws.iam(moto);
        SnsClient sns = MotoAws.sns(moto);
        CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      TopicRule readingsBefore = iot.getTopicRule(r -> r.ruleName(READINGS_RULE)).rule();

      AlertsResult result = enable(iotsys, ME);

      assertThat(resources(result))
          .containsExactly(
              "sns-topic iotsys-alerts",
              "sns-subscription " + ME,
              "iam-role " + METRICS_ROLE,
              "iot-topic-rule " + METRICS_RULE,
              "cloudwatch-alarm iotsys/garage/silent",
              "cloudwatch-alarm iotsys/kitchen/silent");
      assertThat(result.resources())
          .extracting(ResourceResult::outcome)
          .containsOnly(Outcome.CREATED);
      assertEquals(
          "iotsys alerts",
          sns.getTopicAttributes(r -> r.topicArn(TOPIC)).attributes().get("DisplayName"));
      List<Subscription> subscriptions =
          sns.listSubscriptionsByTopic(r -> r.topicArn(TOPIC)).subscriptions();
      assertThat(subscriptions)
          .extracting(Subscription::protocol, Subscription::endpoint)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("email", ME));

      TopicRule rule = iot.getTopicRule(r -> r.ruleName(METRICS_RULE)).rule();
      assertEquals("SELECT humidity, temperature FROM 'testhumidity/+'", rule.sql());
      assertThat(rule.actions()).hasSize(2);
      CloudwatchMetricAction humidity = rule.actions().get(0).cloudwatchMetric();
      assertEquals("iotsys/testhumidity", humidity.metricNamespace());
      assertEquals("${topic(2)}/humidity", humidity.metricName());
      assertEquals("${humidity}", humidity.metricValue());
      assertEquals("Percent", humidity.metricUnit());
      assertEquals("arn:aws:iam::123456789012:role/" + METRICS_ROLE, humidity.roleArn());
      CloudwatchMetricAction temperature = rule.actions().get(1).cloudwatchMetric();
      assertEquals("${topic(2)}/temperature", temperature.metricName());
      assertEquals("None", temperature.metricUnit());
      assertEquals(
          "/iotsys/testhumidity/rule-errors", rule.errorAction().cloudwatchLogs().logGroupName());

      JsonNode policy =
          JSON.readTree(
              URLDecoder.decode(
                  iam.getRolePolicy(
                          r -> r.roleName(METRICS_ROLE).policyName(METRICS_ROLE + "-access"))
                      .policyDocument(),
                  StandardCharsets.UTF_8));
      JsonNode put = null;
      for (JsonNode statement : policy.get("Statement")) {
        if (statement.get("Action").asText().equals("cloudwatch:PutMetricData")) {
          put = statement;
        }
      }
      assertThat(put).as("the PutMetricData statement of " + policy).isNotNull();
      assertEquals("*", put.get("Resource").asText());
      assertEquals(
          "iotsys/testhumidity", put.at("/Condition/StringEquals/cloudwatch:namespace").asText());
      JsonNode trust =
          JSON.readTree(
              URLDecoder.decode(
                  iam.getRole(r -> r.roleName(METRICS_ROLE)).role().assumeRolePolicyDocument(),
                  StandardCharsets.UTF_8));
      assertEquals(
          "arn:aws:iot:us-east-1:123456789012:rule/" + METRICS_RULE,
          trust.at("/Statement/0/Condition/ArnLike/aws:SourceArn").asText());

      for (String sensor : List.of("kitchen", "garage")) {
        MetricAlarm silence = alarm(cw, "iotsys/" + sensor + "/silent").orElseThrow();
        assertEquals("iotsys/testhumidity", silence.namespace());
        assertEquals(sensor + "/humidity", silence.metricName());
        assertEquals("SampleCount", silence.statisticAsString());
        assertEquals("LessThanThreshold", silence.comparisonOperatorAsString());
        assertEquals(1.0, silence.threshold());
        assertEquals(60, silence.period());
        assertEquals(30, silence.evaluationPeriods());
        assertEquals(30, silence.datapointsToAlarm());
        assertEquals("breaching", silence.treatMissingData());
        assertEquals(List.of(TOPIC), silence.alarmActions());
        assertEquals(List.of(TOPIC), silence.okActions());
        assertEquals(false, silence.actionsEnabled(), "no reading yet: not armed");
        assertThat(silence.alarmDescription()).endsWith("iotsys settings: silent-after=30m");
      }
      // The readings rule is the store's alone: alerts never touch it.
      TopicRule readingsAfter = iot.getTopicRule(r -> r.ruleName(READINGS_RULE)).rule();
      assertEquals(readingsBefore.sql(), readingsAfter.sql());
      assertEquals(readingsBefore.actions(), readingsAfter.actions());
    }
  }

  @Test
  void enable_secondRun_changesNothingAndOnlyReads(MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen", "garage");
    try (Iotsys iotsys = iotsys(moto, home)) {
      enable(iotsys, ME);
      AlertsResult again = enable(iotsys, ME);
      assertEquals(0, again.apiCalls().write(), again.apiCalls().byOperation().toString());
      assertThat(again.resources())
          .extracting(ResourceResult::outcome)
          .containsOnly(Outcome.UNCHANGED);
      assertThat(again.apiCalls().byOperation().keySet())
          .allMatch(op -> op.matches(".*:(Describe|Get|List|Query).*"));
      // Without --email the subscriptions stay as they are: still nothing to do.
      assertEquals(0, enable(iotsys).apiCalls().write());
    }
  }

  @Test
  void enable_dryRun_plansEverythingAndWritesNothing(MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    try (Iotsys iotsys = iotsys(moto, home);
        CloudWatchClient cw = MotoAws.cloudWatch(moto);
        SnsClient sns = MotoAws.sns(moto)) {
      AlertsResult plan = iotsys.enableAlerts(List.of(ME), true, IotsysListener.NONE);
      assertThat(plan.resources())
          .extracting(ResourceResult::outcome)
          .containsOnly(Outcome.WOULD_CREATE);
      assertEquals(0, plan.apiCalls().write());
      assertThat(alarmNames(cw)).isEmpty();
      assertThat(sns.listTopics().topics()).isEmpty();
    }
  }

  @Test
  void sensorAddedAfterEnable_getsItsUnarmedSilenceAlarm_andARemovedOneLosesAllItsAlarms(
      MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    try (Iotsys iotsys = iotsys(moto, home);
        CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      enable(iotsys, ME);

      SensorResult porch = iotsys.addSensors(add("porch"), IotsysListener.NONE).sensors().get(0);
      assertEquals(SensorOutcome.CREATED, porch.outcome());
      assertThat(porch.actions()).contains("created cloudwatch-alarm iotsys/porch/silent");
      MetricAlarm silence = alarm(cw, "iotsys/porch/silent").orElseThrow();
      assertEquals("breaching", silence.treatMissingData());
      assertEquals(List.of(TOPIC), silence.alarmActions());
      assertEquals(false, silence.actionsEnabled());
      above(iotsys, "porch", "30");
      assertThat(alarmNames(cw))
          .containsExactly(
              "iotsys/kitchen/silent", "iotsys/porch/silent", "iotsys/porch/temperature-above");

      SensorsResult removed = iotsys.removeSensors(remove("porch"), IotsysListener.NONE);
      assertEquals(SensorOutcome.REMOVED, removed.sensors().get(0).outcome());
      assertThat(removed.sensors().get(0).actions())
          .contains(
              "deleted cloudwatch-alarm iotsys/porch/silent",
              "deleted cloudwatch-alarm iotsys/porch/temperature-above");
      assertThat(alarmNames(cw)).containsExactly("iotsys/kitchen/silent");
      assertTrue(
          removed.apiCalls().byOperation().containsKey("CloudWatch:DeleteAlarms"),
          "the sensors' result counts the alarms' calls too");
      assertEquals(0, enable(iotsys).apiCalls().write());
    }
  }

  @Test
  void sensorAdd_withoutAlerts_makesNoAlarmAndOnlyLooksForTheTopic(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      SensorsResult added = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      assertTrue(added.succeeded());
      assertThat(added.apiCalls().byOperation())
          .containsEntry("Sns:ListTopics", 1L)
          .doesNotContainKeys("CloudWatch:DescribeAlarms", "CloudWatch:PutMetricAlarm");
      assertThat(alarmNames(cw)).isEmpty();
    }
  }

  @Test
  void set_above30_addsAThresholdAlarmAt30_recordedOnEveryAlarmOfTheSensor(
      MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    try (Iotsys iotsys = iotsys(moto, home);
        CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      enable(iotsys, ME);
      AlertsResult result = above(iotsys, "kitchen", "30");

      assertThat(resources(result))
          .containsExactly(
              "cloudwatch-alarm iotsys/kitchen/silent",
              "cloudwatch-alarm iotsys/kitchen/temperature-above");
      MetricAlarm threshold = alarm(cw, "iotsys/kitchen/temperature-above").orElseThrow();
      assertEquals("kitchen/temperature", threshold.metricName());
      assertEquals("Maximum", threshold.statisticAsString());
      assertEquals("GreaterThanThreshold", threshold.comparisonOperatorAsString());
      assertEquals(30.0, threshold.threshold());
      assertEquals(List.of(TOPIC), threshold.alarmActions());
      assertEquals(true, threshold.actionsEnabled());
      assertThat(alarm(cw, "iotsys/kitchen/silent").orElseThrow().alarmDescription())
          .endsWith("iotsys settings: silent-after=30m temperature-above=30");
      assertEquals(0, above(iotsys, "kitchen", "30").apiCalls().write());

      set(
          iotsys,
          "kitchen",
          Optional.of("humidity"),
          Optional.of("2h"),
          Optional.empty(),
          Optional.of(new BigDecimal("-5.5")),
          false,
          false);
      assertEquals(120, alarm(cw, "iotsys/kitchen/silent").orElseThrow().evaluationPeriods());
      assertThatThrownBy(
              () ->
                  set(
                      iotsys,
                      "kitchen",
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.of(new BigDecimal("-5.5")),
                      false,
                      false))
          .as("a threshold of a sensor of two measures needs --measure")
          .isInstanceOf(IotsysException.class)
          .hasMessageContaining("--measure");
      MetricAlarm below = alarm(cw, "iotsys/kitchen/humidity-below").orElseThrow();
      assertEquals("Minimum", below.statisticAsString());
      assertEquals(-5.5, below.threshold());

      AlertsResult cleared =
          set(
              iotsys,
              "kitchen",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              true,
              false);
      assertThat(cleared.resources())
          .filteredOn(r -> r.outcome() == Outcome.DELETED)
          .extracting(ResourceResult::name)
          .containsExactlyInAnyOrder(
              "iotsys/kitchen/temperature-above", "iotsys/kitchen/humidity-below");
      assertThat(alarmNames(cw)).containsExactly("iotsys/kitchen/silent");
      assertEquals(
          120,
          alarm(cw, "iotsys/kitchen/silent").orElseThrow().evaluationPeriods(),
          "--clear drops thresholds only");
    }
  }

  @Test
  void enable_repairsAThresholdEditedByHand_anAlarmDeletedByHand_andARemovedSubscription(
      MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    try (Iotsys iotsys = iotsys(moto, home);
        CloudWatchClient cw = MotoAws.cloudWatch(moto);
        SnsClient sns = MotoAws.sns(moto)) {
      enable(iotsys, ME);
      set(
          iotsys,
          "kitchen",
          Optional.of("temperature"),
          Optional.of("2h"),
          Optional.of(new BigDecimal("30")),
          Optional.empty(),
          false,
          false);
      MetricAlarm threshold = alarm(cw, "iotsys/kitchen/temperature-above").orElseThrow();

      cw.putMetricAlarm(
          r ->
              r.alarmName(threshold.alarmName())
                  .alarmDescription(threshold.alarmDescription())
                  .namespace(threshold.namespace())
                  .metricName(threshold.metricName())
                  .statistic(threshold.statistic())
                  .period(threshold.period())
                  .evaluationPeriods(threshold.evaluationPeriods())
                  .datapointsToAlarm(threshold.datapointsToAlarm())
                  .threshold(35.0)
                  .comparisonOperator(threshold.comparisonOperator())
                  .treatMissingData(threshold.treatMissingData())
                  .alarmActions(threshold.alarmActions())
                  .okActions(threshold.okActions())
                  .actionsEnabled(true));
      cw.deleteAlarms(r -> r.alarmNames("iotsys/kitchen/silent"));
      String subscription =
          sns.listSubscriptionsByTopic(r -> r.topicArn(TOPIC))
              .subscriptions()
              .get(0)
              .subscriptionArn();
      sns.unsubscribe(r -> r.subscriptionArn(subscription));

      AlertsResult repaired = enable(iotsys, ME);

      assertThat(repaired.resources())
          .filteredOn(r -> r.outcome().isChange())
          .extracting(r -> r.outcome() + " " + r.name())
          .containsExactly(
              "CREATED " + ME,
              "CREATED iotsys/kitchen/silent",
              "UPDATED iotsys/kitchen/temperature-above");
      assertThat(repaired.resources())
          .filteredOn(r -> r.outcome() == Outcome.UPDATED)
          .flatExtracting(ResourceResult::differences)
          .contains("threshold: 35 \u2192 30");
      assertEquals(30.0, alarm(cw, "iotsys/kitchen/temperature-above").orElseThrow().threshold());
      assertEquals(
          120,
          alarm(cw, "iotsys/kitchen/silent").orElseThrow().evaluationPeriods(),
          "the silence window comes back from the threshold alarm's record");
      assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(TOPIC)).subscriptions())
          .extracting(Subscription::endpoint)
          .containsExactly(ME);

      cw.deleteAlarms(r -> r.alarmNames("iotsys/kitchen/temperature-above"));
      assertThat(resources(enable(iotsys)))
          .contains("cloudwatch-alarm iotsys/kitchen/temperature-above");
      assertEquals(
          30.0,
          alarm(cw, "iotsys/kitchen/temperature-above").orElseThrow().threshold(),
          "the threshold comes back from the silence alarm's record");
      assertEquals(0, enable(iotsys, ME).apiCalls().write());
    }
  }

  @Test
  void alarmStateSetByHand_showsInListAndStatus_withoutChangingStatussVerdict(
      MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen", "garage");
    try (Iotsys iotsys = iotsys(moto, home);
        CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      enable(iotsys, ME);
      above(iotsys, "kitchen", "30");
      cw.setAlarmState(
          r ->
              r.alarmName("iotsys/kitchen/temperature-above")
                  .stateValue("ALARM")
                  .stateReason("a freezer warming up, by hand"));
      cw.setAlarmState(
          r -> r.alarmName("iotsys/garage/silent").stateValue("OK").stateReason("by hand"));

      AlertsStatus listed = iotsys.listAlerts();
      assertTrue(listed.enabled());
      assertEquals(Optional.of(TOPIC), listed.topicArn());
      SensorAlerts kitchen =
          listed.sensors().stream()
              .filter(s -> s.sensor().equals("kitchen"))
              .findFirst()
              .orElseThrow();
      assertEquals("testhumidity", kitchen.typeId());
      assertEquals(Optional.of(Duration.ofMinutes(30)), kitchen.silentAfter());
      assertEquals(false, kitchen.armed());
      assertThat(kitchen.alarms())
          .extracting(AlertsStatus.Alarm::name, AlertsStatus.Alarm::kind)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("iotsys/kitchen/silent", AlarmKind.SILENT),
              org.assertj.core.groups.Tuple.tuple(
                  "iotsys/kitchen/temperature-above", AlarmKind.ABOVE));
      AlertsStatus.Alarm firing = kitchen.alarms().get(1);
      assertEquals(AlarmState.ALARM, firing.state());
      assertEquals(Optional.of(new BigDecimal("30")), firing.threshold());
      assertEquals(Optional.of("temperature"), firing.measure());
      assertThat(listed.inAlarm())
          .extracting(AlertsStatus.Alarm::name)
          .containsExactly("iotsys/kitchen/temperature-above");
      assertEquals(List.of(new AlertsStatus.Subscription(ME, false)), listed.subscriptions());
      assertEquals(0, writesOf(iotsys, iotsys::listAlerts));

      StatusResult status = iotsys.status("home", IotsysListener.NONE);
      assertThat(status.alerts().inAlarm())
          .extracting(AlertsStatus.Alarm::name)
          .containsExactly("iotsys/kitchen/temperature-above");
      assertTrue(status.converged(), "an alarm going off is not a fault of the installation");
      assertEquals(0, status.apiCalls().write());
    }
  }

  /** The writes a call makes: none for a read-only one. */
  private static long writesOf(Iotsys iotsys, Runnable call) {
    long before = iotsys.apiCalls().write();
    call.run();
    return iotsys.apiCalls().write() - before;
  }

  @Test
  void whenSnsAndCloudWatchRefuseTheCaller_statusSensorsAndUninstallStillWork_andSaySo(
      MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    // moto authorises everything: AWS's refusal of a caller without sns: and cloudwatch:
    // permissions (an IAM policy from before alerts) is made here, as a 403.
    ExecutionInterceptor refuseSns =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
            if ("SNS".equalsIgnoreCase(service) || "CloudWatch".equalsIgnoreCase(service)) {
              throw SnsException.builder()
                  .statusCode(403)
                  .message("not authorized")
                  .awsErrorDetails(
                      AwsErrorDetails.builder()
                          .errorCode("AuthorizationError")
                          .errorMessage("User is not authorized to perform: SNS:GetTopicAttributes")
                          .build())
                  .build();
            }
          }
        };
    List<IotsysEvent> events = new ArrayList<>();
    try (Iotsys iotsys =
        MotoAws.iotsys(moto).home(home).client(ExecutionInterceptor.class, refuseSns).build()) {
      StatusResult status = iotsys.status("home", events::add);
      assertTrue(status.converged());
      assertEquals(false, status.alerts().enabled());
      assertThat(events)
          .filteredOn(e -> e instanceof IotsysEvent.Note)
          .extracting(e -> ((IotsysEvent.Note) e).message())
          .anyMatch(m -> m.startsWith("alerts not shown: AWS refused access"));

      SensorsResult added = iotsys.addSensors(add("porch"), IotsysListener.NONE);
      assertTrue(added.succeeded(), "a sensor works without alerts");
      assertThat(added.sensors().get(0).actions())
          .anyMatch(a -> a.startsWith("alerts not checked: AWS refused access"));
      SensorsResult removed = iotsys.removeSensors(remove("porch"), IotsysListener.NONE);
      assertEquals(SensorOutcome.REMOVED, removed.sensors().get(0).outcome());
      assertThat(removed.sensors().get(0).actions())
          .anyMatch(a -> a.startsWith("alerts not checked: AWS refused access"));

      events.clear();
      UninstallResult uninstalled =
          iotsys.uninstall("home", new UninstallOptions(true, false, true, false), events::add);
      assertThat(uninstalled.resources())
          .extracting(ResourceResult::kind)
          .doesNotContain("cloudwatch-alarm", "sns-topic");
      assertThat(events)
          .filteredOn(e -> e instanceof IotsysEvent.Note)
          .extracting(e -> ((IotsysEvent.Note) e).message())
          .anyMatch(m -> m.startsWith("alerts not checked: AWS refused access"));
    }
  }

  @Test
  void pendingSubscription_showsInListAndStatus_andCannotBeCancelledButDoesNotFail(
      MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    List<IotsysEvent> events = new ArrayList<>();
    try (Iotsys iotsys =
        MotoAws.iotsys(moto)
            .home(home)
            .client(ExecutionInterceptor.class, new PendingConfirmation(ME))
            .build()) {
      iotsys.enableAlerts(List.of(ME), false, events::add);
      assertThat(events)
          .filteredOn(e -> e instanceof IotsysEvent.Note)
          .extracting(e -> ((IotsysEvent.Note) e).message())
          .anyMatch(m -> m.contains("AWS e-mailed " + ME + " a link"));

      assertEquals(
          List.of(new AlertsStatus.Subscription(ME, true)), iotsys.listAlerts().subscriptions());
      assertEquals(
          List.of(new AlertsStatus.Subscription(ME, true)),
          iotsys.status("home", IotsysListener.NONE).alerts().pending());

      AlertsResult switched = enable(iotsys, "other@example.com");
      ResourceResult old =
          switched.resources().stream().filter(r -> r.name().equals(ME)).findFirst().orElseThrow();
      assertEquals(Outcome.PENDING, old.outcome());
      assertThat(old.differences().get(0)).contains("lapses");
      assertThat(switched.resources())
          .filteredOn(r -> r.outcome() == Outcome.CREATED)
          .extracting(ResourceResult::name)
          .containsExactly("other@example.com");
    }
  }

  @Test
  void enable_withFewerAddresses_unsubscribesTheOthers(MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    try (Iotsys iotsys = iotsys(moto, home);
        SnsClient sns = MotoAws.sns(moto)) {
      enable(iotsys, ME, "you@example.com");
      AlertsResult fewer = enable(iotsys, "you@example.com");
      assertThat(fewer.resources())
          .filteredOn(r -> r.outcome() == Outcome.DELETED)
          .extracting(ResourceResult::name)
          .containsExactly(ME);
      assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(TOPIC)).subscriptions())
          .extracting(Subscription::endpoint)
          .containsExactly("you@example.com");
    }
  }

  @Test
  void onDynamoDb_enableArmsTheSensorsThatReported_andArmingAnAlarmInAlarmResetsItsState(
      MotoServer.Instance moto) {
    try (Iotsys iotsys = iotsys(moto, home);
        CloudWatchClient cw = MotoAws.cloudWatch(moto);
        DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
      assertTrue(iotsys.addSensors(add("kitchen", "garage"), IotsysListener.NONE).succeeded());
      RuleWrites.reading(
          dynamo,
          "iotsys.home.testhumidity",
          "kitchen",
          Instant.now().minus(Duration.ofMinutes(3)),
          Map.of("humidity", "40", "temperature", "21.5"),
          30L * 86_400);

      enable(iotsys, ME);
      assertEquals(true, alarm(cw, "iotsys/kitchen/silent").orElseThrow().actionsEnabled());
      assertEquals(false, alarm(cw, "iotsys/garage/silent").orElseThrow().actionsEnabled());
      assertEquals(0, enable(iotsys, ME).apiCalls().write());

      cw.setAlarmState(
          r ->
              r.alarmName("iotsys/garage/silent")
                  .stateValue("ALARM")
                  .stateReason("no reading: not flashed yet"));
      AlertsResult armed =
          set(
              iotsys,
              "garage",
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              false,
              true);
      assertThat(armed.resources().get(0).differences()).contains("not armed \u2192 armed");
      MetricAlarm garage = alarm(cw, "iotsys/garage/silent").orElseThrow();
      assertEquals(true, garage.actionsEnabled());
      assertEquals(
          "INSUFFICIENT_DATA",
          garage.stateValueAsString(),
          "evaluated afresh, so that a board still silent notifies");
      assertEquals(0, enable(iotsys, ME).apiCalls().write(), "armed stays armed");
    }
  }

  @Test
  void onTimestream_enableArmsTheSensorsThatReported_fromOneQueryOfTheType(MotoServer.Instance moto)
      throws Exception {
    installWithSensors(moto, "kitchen", "garage");
    // moto's Timestream never reads written records: it answers this exact query as preloaded.
    MotoQueryResults.preload(
        moto,
        "SELECT device, max(time) AS last_time"
            + " FROM \"home\".\"testhumidity\" WHERE measure_name IN ('humidity', 'temperature')"
            + " AND time > ago(30d) GROUP BY device",
        MotoQueryResults.page(
            null,
            MotoQueryResults.lastTimeColumns(),
            MotoQueryResults.row("kitchen", "2026-11-30 10:20:00.000000000")));
    try (Iotsys iotsys = iotsys(moto, home);
        CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      AlertsResult result = enable(iotsys, ME);
      assertEquals(1L, result.apiCalls().byOperation().get("TimestreamQuery:Query"));
      assertEquals(true, alarm(cw, "iotsys/kitchen/silent").orElseThrow().actionsEnabled());
      assertEquals(false, alarm(cw, "iotsys/garage/silent").orElseThrow().actionsEnabled());
    }
  }

  @Test
  void onEitherStore_theMetricsRuleIsTheSame_andSwitchingStoresLeavesAlertsAlone(
      MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      enable(iotsys, ME);
      TopicRule onTimestream = iot.getTopicRule(r -> r.ruleName(METRICS_RULE)).rule();
      iotsys.install(
          "home",
          new InstallOptions(Optional.of("dynamodb"), Optional.empty(), true, false),
          IotsysListener.NONE);
      assertEquals(0, enable(iotsys, ME).apiCalls().write());
      TopicRule onDynamoDb = iot.getTopicRule(r -> r.ruleName(METRICS_RULE)).rule();
      assertEquals(onTimestream.sql(), onDynamoDb.sql());
      assertEquals(onTimestream.actions(), onDynamoDb.actions());
      assertThat(
              iot.getTopicRule(r -> r.ruleName(READINGS_RULE)).rule().actions().get(0).dynamoDBv2())
          .isNotNull();
    }
  }

  @Test
  void disable_leavesNoAlarmTopicOrMetricRule_andASecondDisableFindsEverythingAbsent(
      MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto);
        IamClient iam = MotoAws.iam(moto);
        SnsClient sns = MotoAws.sns(moto);
        CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      enable(iotsys, ME);
      above(iotsys, "kitchen", "30");

      AlertsResult first = iotsys.disableAlerts(false, IotsysListener.NONE);
      assertThat(resources(first))
          .containsExactly(
              "cloudwatch-alarm iotsys/kitchen/silent",
              "cloudwatch-alarm iotsys/kitchen/temperature-above",
              "iot-topic-rule " + METRICS_RULE,
              "iam-role " + METRICS_ROLE,
              "sns-topic iotsys-alerts");
      assertThat(first.resources())
          .extracting(ResourceResult::outcome)
          .containsOnly(Outcome.DELETED);
      assertThat(alarmNames(cw)).isEmpty();
      assertThat(sns.listTopics().topics()).isEmpty();
      assertThat(sns.listSubscriptions().subscriptions()).isEmpty();
      assertThat(iot.listTopicRules().rules())
          .extracting(r -> r.ruleName())
          .containsExactly(READINGS_RULE);
      assertThat(iam.listRoles().roles())
          .extracting(r -> r.roleName())
          .doesNotContain(METRICS_ROLE);

      AlertsResult second = iotsys.disableAlerts(false, IotsysListener.NONE);
      assertThat(second.resources())
          .extracting(ResourceResult::outcome)
          .containsOnly(Outcome.ABSENT);
      assertEquals(0, second.apiCalls().write());
      assertEquals(false, iotsys.listAlerts().enabled());
    }
  }

  @Test
  void uninstall_removesEverythingAlertsMade(MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto);
        SnsClient sns = MotoAws.sns(moto);
        CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      enable(iotsys, ME);
      above(iotsys, "kitchen", "30");
      UninstallResult result =
          iotsys.uninstall(
              "home", new UninstallOptions(true, false, true, false), IotsysListener.NONE);
      assertThat(result.resources())
          .filteredOn(r -> r.outcome() == Outcome.DELETED)
          .extracting(r -> r.kind() + " " + r.name())
          .contains(
              "cloudwatch-alarm iotsys/kitchen/silent",
              "cloudwatch-alarm iotsys/kitchen/temperature-above",
              "iot-topic-rule " + METRICS_RULE,
              "iam-role " + METRICS_ROLE,
              "sns-topic iotsys-alerts");
      assertThat(alarmNames(cw)).isEmpty();
      assertThat(sns.listTopics().topics()).isEmpty();
      assertThat(iot.listTopicRules().rules()).isEmpty();
    }
  }

  @Test
  void badInput_isRefusedBeforeAnyAwsCall(MotoServer.Instance moto) {
    try (Iotsys iotsys = iotsys(moto, home)) {
      assertThatThrownBy(() -> enable(iotsys, "not an address"))
          .isInstanceOf(IotsysException.class)
          .hasMessageContaining("Invalid --email")
          .extracting(e -> ((IotsysException) e).kind())
          .isEqualTo(ErrorKind.INVALID_INPUT);
      assertThatThrownBy(
              () ->
                  set(
                      iotsys,
                      "kitchen",
                      Optional.empty(),
                      Optional.of("5m"),
                      Optional.empty(),
                      Optional.empty(),
                      false,
                      false))
          .hasMessageContaining("10m to 24h");
      assertThatThrownBy(
              () ->
                  set(
                      iotsys,
                      "kitchen",
                      Optional.of("temperature"),
                      Optional.empty(),
                      Optional.of(new BigDecimal("30")),
                      Optional.of(new BigDecimal("40")),
                      false,
                      false))
          .hasMessageContaining("must be less than");
      assertThatThrownBy(
              () ->
                  set(
                      iotsys,
                      "kitchen",
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      Optional.empty(),
                      false,
                      false))
          .hasMessageContaining("Nothing to set");
      assertThatThrownBy(
              () ->
                  set(
                      iotsys,
                      "bad/name",
                      Optional.empty(),
                      Optional.of("30m"),
                      Optional.empty(),
                      Optional.empty(),
                      false,
                      false))
          .hasMessageContaining("Invalid sensor name");
      assertEquals(0, iotsys.apiCalls().read() + iotsys.apiCalls().write());
    }
  }

  @Test
  void enableWithoutAnAddress_orSetBeforeEnable_failsAndWritesNothing(MotoServer.Instance moto) {
    installWithSensors(moto, "kitchen");
    try (Iotsys iotsys = iotsys(moto, home)) {
      assertThatThrownBy(() -> enable(iotsys))
          .hasMessageContaining("--email")
          .extracting(e -> ((IotsysException) e).kind())
          .isEqualTo(ErrorKind.INVALID_INPUT);
      assertThatThrownBy(() -> above(iotsys, "kitchen", "30"))
          .hasMessageContaining("alerts enable")
          .extracting(e -> ((IotsysException) e).kind())
          .isEqualTo(ErrorKind.PRECONDITION);
      enable(iotsys, ME);
      assertThatThrownBy(() -> above(iotsys, "nobody", "30"))
          .hasMessageContaining("No sensor nobody")
          .extracting(e -> ((IotsysException) e).kind())
          .isEqualTo(ErrorKind.PRECONDITION);
      long writes = iotsys.apiCalls().write();
      assertThatThrownBy(
              () ->
                  set(
                      iotsys,
                      "kitchen",
                      Optional.of("pressure"),
                      Optional.empty(),
                      Optional.of(new BigDecimal("30")),
                      Optional.empty(),
                      false,
                      false))
          .hasMessageContaining("no measure pressure");
      assertEquals(writes, iotsys.apiCalls().write());
    }
  }
}
