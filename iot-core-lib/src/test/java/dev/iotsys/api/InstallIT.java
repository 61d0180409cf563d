package dev.iotsys.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.testing.BoardTimeSql;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleEngine;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.TimestreamAction;
import software.amazon.awssdk.services.iot.model.TopicRule;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Table;

/** Install against a real moto server, with the test-only sensor type found by ServiceLoader. */
@ExtendWith(MotoServer.class)
class InstallIT {
  private static final String TYPE = "testhumidity";
  private static final String POLICY = "iotsys-testhumidity-device";
  private static final String ROLE = "iotsys-testhumidity-rule";
  private static final String RULE = "iotsys_testhumidity";

  @Test
  void install_onEmptyAccount_createsEveryResourceOfEveryTypeOnTheClassPath(
      MotoServer.Instance moto) {
    InstallResult result;
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      result = iotsys.install("home", false, IotsysListener.NONE);
    }
    assertEquals(
        List.of(
            "timestream-database home",
            "timestream-table home.testhumidity",
            "iot-thing-type testhumidity",
            "iot-policy " + POLICY,
            "logs-log-group /iotsys/testhumidity/rule-errors",
            "iam-role " + ROLE,
            "iot-topic-rule " + RULE),
        result.resources().stream().map(r -> r.kind() + " " + r.name()).toList());
    assertTrue(result.resources().stream().allMatch(r -> r.outcome() == Outcome.CREATED));

    try (IotClient iot = MotoAws.iot(moto);
        TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      TopicRule rule = iot.getTopicRule(r -> r.ruleName(RULE)).rule();
      assertEquals("SELECT humidity, temperature, dropped FROM 'testhumidity/+'", rule.sql());
      assertEquals("2015-10-08", rule.awsIotSqlVersion());
      TimestreamAction action = rule.actions().get(0).timestream();
      assertEquals("home", action.databaseName());
      assertEquals(TYPE, action.tableName());
      assertEquals("${topic(2)}", action.dimensions().get(0).value());
      assertEquals("arn:aws:iam::123456789012:role/" + ROLE, action.roleArn());
      assertEquals(
          "/iotsys/testhumidity/rule-errors", rule.errorAction().cloudwatchLogs().logGroupName());
      Table table = ts.describeTable(r -> r.databaseName("home").tableName(TYPE)).table();
      assertEquals(12L, table.retentionProperties().memoryStoreRetentionPeriodInHours());
      assertEquals(30L, table.retentionProperties().magneticStoreRetentionPeriodInDays());
      // Readings a board kept offline arrive late: only the magnetic store takes them.
      assertEquals(true, table.magneticStoreWriteProperties().enableMagneticStoreWrites());
      String policy = iot.getPolicy(r -> r.policyName(POLICY)).policyDocument();
      assertThat(policy)
          .contains(
              "arn:aws:iot:us-east-1:123456789012:client/${iot:Connection.Thing.ThingName}",
              "arn:aws:iot:us-east-1:123456789012:topic/testhumidity/${iot:Connection.Thing.ThingName}",
              "iot:Connection.Thing.IsAttached");
    }
  }

  @Test
  void install_onTimestream_datesEachRecordByTheBoardsTimeWhenPlausible(MotoServer.Instance moto)
      throws Exception {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      iotsys.install("home", false, IotsysListener.NONE);
    }
    TimestreamAction action;
    try (IotClient iot = MotoAws.iot(moto)) {
      action = iot.getTopicRule(r -> r.ruleName(RULE)).rule().actions().get(0).timestream();
    }
    // testhumidity keeps 30 days: 2,592,000,000 ms.
    assertEquals("MILLISECONDS", action.timestamp().unit());
    assertEquals("${" + BoardTimeSql.of(2_592_000_000L) + "}", action.timestamp().value());

    long arrival = 1_764_633_600_000L;
    String topic = "testhumidity/kitchen";
    String template = action.timestamp().value();
    long hourAgo = arrival - 3_600_000;
    assertEquals(
        new java.math.BigDecimal(hourAgo),
        RuleEngine.template(
            template, topic, "{\"humidity\": 40, \"ts\": " + hourAgo + "}", arrival));
    assertEquals(
        new java.math.BigDecimal(arrival),
        RuleEngine.template(
            template, topic, "{\"humidity\": 40, \"ts\": " + (arrival + 360_000) + "}", arrival));
    assertEquals(
        new java.math.BigDecimal(arrival - 60_000),
        RuleEngine.template(template, topic, "{\"humidity\": 40, \"age_ms\": 60000}", arrival));
    assertEquals(
        new java.math.BigDecimal(arrival),
        RuleEngine.template(template, topic, "{\"humidity\": 40}", arrival));
  }

  @Test
  void install_secondRun_changesNothingAndMakesNoWriteCall(MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      iotsys.install("home", false, IotsysListener.NONE);
      InstallResult again = iotsys.install("home", false, IotsysListener.NONE);
      assertEquals(0, again.apiCalls().write());
      assertTrue(again.apiCalls().read() > 0);
      assertTrue(again.resources().stream().allMatch(r -> r.outcome() == Outcome.UNCHANGED));
      assertEquals(false, again.changed());
    }
  }

  @Test
  void install_afterHandEdits_putsPolicyRuleRetentionAndRolePolicyBack_keepingFiveVersions(
      MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build();
        IotClient iot = MotoAws.iot(moto);
        IamClient iam = MotoAws.iam(moto);
        TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      iotsys.install("home", false, IotsysListener.NONE);
      String policy = iot.getPolicy(r -> r.policyName(POLICY)).policyDocument();
      String rolePolicy =
          iam.getRolePolicy(r -> r.roleName(ROLE).policyName("iotsys-testhumidity-rule-access"))
              .policyDocument();
      TopicRule rule = iot.getTopicRule(r -> r.ruleName(RULE)).rule();

      for (int cycle = 1; cycle <= 10; cycle++) {
        // A person editing by hand must make room too: AWS refuses a sixth version.
        iot.listPolicyVersions(r -> r.policyName(POLICY)).policyVersions().stream()
            .filter(v -> !v.isDefaultVersion())
            .min(java.util.Comparator.comparing(v -> Integer.parseInt(v.versionId())))
            .ifPresent(
                v -> {
                  if (iot.listPolicyVersions(r -> r.policyName(POLICY)).policyVersions().size()
                      == 5) {
                    iot.deletePolicyVersion(
                        r -> r.policyName(POLICY).policyVersionId(v.versionId()));
                  }
                });
        iot.createPolicyVersion(
            r ->
                r.policyName(POLICY)
                    .setAsDefault(true)
                    .policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":\"iot:*\",\"Resource\":\"*\"}]}"));
        iot.replaceTopicRule(
            r ->
                r.ruleName(RULE)
                    .topicRulePayload(
                        p ->
                            p.sql("SELECT * FROM 'testhumidity/#'")
                                .awsIotSqlVersion(rule.awsIotSqlVersion())
                                .actions(rule.actions())
                                .errorAction(rule.errorAction())));
        ts.updateTable(
            r ->
                r.databaseName("home")
                    .tableName(TYPE)
                    .retentionProperties(
                        p ->
                            p.memoryStoreRetentionPeriodInHours(1L)
                                .magneticStoreRetentionPeriodInDays(1L)));
        iam.putRolePolicy(
            r ->
                r.roleName(ROLE)
                    .policyName("iotsys-testhumidity-rule-access")
                    .policyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                            + "\"Action\":\"timestream:*\",\"Resource\":\"*\"}]}"));

        InstallResult repaired = iotsys.install("home", false, IotsysListener.NONE);

        Map<String, Outcome> outcomes =
            repaired.resources().stream()
                .collect(Collectors.toMap(ResourceResult::kind, ResourceResult::outcome));
        assertEquals(Outcome.UPDATED, outcomes.get("iot-policy"), "cycle " + cycle);
        assertEquals(Outcome.UPDATED, outcomes.get("iot-topic-rule"), "cycle " + cycle);
        assertEquals(Outcome.UPDATED, outcomes.get("timestream-table"), "cycle " + cycle);
        assertEquals(Outcome.UPDATED, outcomes.get("iam-role"), "cycle " + cycle);
        assertEquals(Outcome.UNCHANGED, outcomes.get("iot-thing-type"), "cycle " + cycle);
        int versions = iot.listPolicyVersions(r -> r.policyName(POLICY)).policyVersions().size();
        assertThat(versions).isLessThanOrEqualTo(5);
        if (cycle >= 4) {
          // From here on iotsys meets five versions after the hand edit and must prune one.
          assertEquals(5, versions, "cycle " + cycle);
        }
      }
      assertEquals(
          policy.replaceAll("\\s", ""),
          iot.getPolicy(r -> r.policyName(POLICY)).policyDocument().replaceAll("\\s", ""));
      assertEquals(
          rolePolicy,
          iam.getRolePolicy(r -> r.roleName(ROLE).policyName("iotsys-testhumidity-rule-access"))
              .policyDocument());
      assertEquals(rule.sql(), iot.getTopicRule(r -> r.ruleName(RULE)).rule().sql());
      assertEquals(
          12L,
          ts.describeTable(r -> r.databaseName("home").tableName(TYPE))
              .table()
              .retentionProperties()
              .memoryStoreRetentionPeriodInHours());
      assertEquals(0, iotsys.install("home", false, IotsysListener.NONE).apiCalls().write());
    }
  }

  @Test
  void install_whenMagneticStoreWritesWereTurnedOff_turnsThemOnAndThenWritesNothing(
      MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build();
        TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      iotsys.install("home", false, IotsysListener.NONE);
      // By hand, with the same retention: only the late writes differ.
      ts.updateTable(
          r ->
              r.databaseName("home")
                  .tableName(TYPE)
                  .retentionProperties(
                      p ->
                          p.memoryStoreRetentionPeriodInHours(12L)
                              .magneticStoreRetentionPeriodInDays(30L))
                  .magneticStoreWriteProperties(m -> m.enableMagneticStoreWrites(false)));

      InstallResult repaired = iotsys.install("home", false, IotsysListener.NONE);

      assertThat(repaired.resources())
          .filteredOn(r -> r.outcome() == Outcome.UPDATED)
          .extracting(r -> r.kind() + ": " + String.join("; ", r.differences()))
          .containsExactly("timestream-table: magnetic store writes off \u2192 on");
      Table table = ts.describeTable(r -> r.databaseName("home").tableName(TYPE)).table();
      assertEquals(true, table.magneticStoreWriteProperties().enableMagneticStoreWrites());
      assertEquals(30L, table.retentionProperties().magneticStoreRetentionPeriodInDays());
      assertEquals(0, iotsys.install("home", false, IotsysListener.NONE).apiCalls().write());
    }
  }

  @Test
  void dryRun_onEmptyAccount_listsEverythingAndMakesNoMutatingCall(MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build();
        TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      InstallResult plan = iotsys.install("home", true, IotsysListener.NONE);
      assertEquals(0, plan.apiCalls().write());
      assertEquals(7, plan.resources().size());
      assertTrue(plan.resources().stream().allMatch(r -> r.outcome() == Outcome.WOULD_CREATE));
      assertTrue(
          iotsys.apiCallsByOperation().keySet().stream()
              .map(k -> k.substring(k.indexOf(':') + 1))
              .allMatch(op -> op.matches("(Describe|Get|List).*")),
          "only read operations: " + iotsys.apiCallsByOperation());
      assertTrue(ts.listDatabases(r -> {}).databases().isEmpty());
    }
  }

  @Test
  void dryRun_afterDrift_reportsWhatDiffersAndChangesNothing(MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build();
        TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      iotsys.install("home", false, IotsysListener.NONE);
      ts.updateTable(
          r ->
              r.databaseName("home")
                  .tableName(TYPE)
                  .retentionProperties(
                      p ->
                          p.memoryStoreRetentionPeriodInHours(2L)
                              .magneticStoreRetentionPeriodInDays(30L)));
      InstallResult plan = iotsys.install("home", true, IotsysListener.NONE);
      ResourceResult table = plan.resources().get(1);
      assertEquals(Outcome.WOULD_UPDATE, table.outcome());
      assertEquals(List.of("memory store retention 2 h \u2192 12 h"), table.differences());
      assertEquals(0, plan.apiCalls().write());
      assertEquals(
          2L,
          ts.describeTable(r -> r.databaseName("home").tableName(TYPE))
              .table()
              .retentionProperties()
              .memoryStoreRetentionPeriodInHours());
    }
  }

  @Test
  void installSensorType_onMissingDatabase_failsWithPreconditionAndCreatesNothing(
      MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build();
        IotClient iot = MotoAws.iot(moto)) {
      IotsysException e =
          assertThrows(
              IotsysException.class,
              () -> iotsys.installSensorType(TYPE, "nodb", false, IotsysListener.NONE));
      assertEquals(ErrorKind.PRECONDITION, e.kind());
      assertThat(e.getMessage()).contains("nodb does not exist", "iotsys install --db nodb");
      assertTrue(iot.listThingTypes().thingTypes().isEmpty());
      assertTrue(iot.listPolicies().policies().isEmpty());
    }
  }

  @Test
  void installSensorType_onExistingDatabase_convergesOnlyThatType(MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build();
        TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      ts.createDatabase(r -> r.databaseName("existing"));
      InstallResult result = iotsys.installSensorType(TYPE, "existing", false, IotsysListener.NONE);
      assertEquals(6, result.resources().size());
      assertTrue(result.resources().stream().allMatch(r -> r.outcome() == Outcome.CREATED));
    }
  }

  @Test
  void install_withInvalidDatabaseName_failsBeforeAnyAwsCall(MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      for (String bad : List.of("ab", "has space", "x".repeat(257), "semi;colon")) {
        IotsysException e =
            assertThrows(
                IotsysException.class, () -> iotsys.install(bad, false, IotsysListener.NONE));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind(), bad);
      }
      assertTrue(iotsys.apiCallsByOperation().isEmpty());
    }
  }

  @Test
  void installSensorType_withUnknownType_namesTheKnownTypes(MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      IotsysException e =
          assertThrows(
              IotsysException.class,
              () -> iotsys.installSensorType("nosuch", "home", false, IotsysListener.NONE));
      assertEquals(ErrorKind.INVALID_INPUT, e.kind());
      assertEquals(
          "Unknown sensor type 'nosuch'; known sensor types: testhumidity", e.getMessage());
      assertTrue(iotsys.apiCallsByOperation().isEmpty());
    }
  }

  @Test
  void events_reportEachResourceAsItIsChecked(MotoServer.Instance moto) {
    List<IotsysEvent> events = new java.util.ArrayList<>();
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      iotsys.install("home", false, events::add);
    }
    assertEquals(14, events.size());
    assertEquals(new IotsysEvent.Checking("timestream-database", "home", 1, 7), events.get(0));
    assertTrue(
        events.get(13) instanceof IotsysEvent.Converged c
            && c.result().kind().equals("iot-topic-rule"));
  }

  @Test
  void install_whenTimestreamDeniesAccess_explainsTheClosureAndCreatesNothing(
      MotoServer.Instance moto) {
    TimestreamWriteClient denied = org.mockito.Mockito.mock(TimestreamWriteClient.class);
    // moto grants everything: a new account's AccessDenied can only be simulated.
    org.mockito.Mockito.when(
            denied.describeDatabase(
                org.mockito.ArgumentMatchers
                    .<java.util.function.Consumer<
                            software.amazon.awssdk.services.timestreamwrite.model
                                .DescribeDatabaseRequest.Builder>>
                        any()))
        .thenThrow(
            software.amazon.awssdk.services.timestreamwrite.model.AccessDeniedException.builder()
                .statusCode(403)
                .awsErrorDetails(
                    software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
                        .errorCode("AccessDeniedException")
                        .serviceName("Timestream Write")
                        .errorMessage("User is not authorized")
                        .build())
                .build());
    try (Iotsys iotsys =
            MotoAws.iotsys(moto)
                .client(
                    software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient.class,
                    denied)
                .build();
        IotClient iot = MotoAws.iot(moto)) {
      IotsysException e =
          assertThrows(
              IotsysException.class, () -> iotsys.install("home", false, IotsysListener.NONE));
      assertEquals(ErrorKind.ACCESS_DENIED, e.kind());
      assertThat(e.getMessage())
          .contains("2025-06-20")
          .contains("--store dynamodb")
          .doesNotContain("\n");
      assertTrue(iot.listThingTypes().thingTypes().isEmpty());
    }
  }
}
