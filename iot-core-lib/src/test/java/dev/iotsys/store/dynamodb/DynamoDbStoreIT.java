package dev.iotsys.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.UninstallOptions;
import dev.iotsys.testing.BoardTimeSql;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.TopicRule;

/** The DynamoDB store installed, repaired and kept against a real moto server. */
@ExtendWith(MotoServer.class)
class DynamoDbStoreIT {
  private static final String TABLE = "iotsys.home.testhumidity";

  /** The companion that holds each device's newest reading. */
  private static final String NEWEST = "iotsys.home.testhumidity-newest";

  private static final String RULE = "iotsys_testhumidity";
  private static final String ROLE = "iotsys-testhumidity-rule";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static InstallResult install(MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      return iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
    }
  }

  private static List<String> resources(InstallResult result) {
    return result.resources().stream().map(r -> r.kind() + " " + r.name()).toList();
  }

  @Test
  void install_onDynamoDb_createsTheTableAndTheTypesStack_andASecondRunWritesNothing(
      MotoServer.Instance moto) {
    InstallResult first = install(moto);
    assertThat(resources(first))
        .containsExactly(
            "dynamodb-table " + TABLE,
            "iot-thing-type testhumidity",
            "iot-policy iotsys-testhumidity-device",
            "logs-log-group /iotsys/testhumidity/rule-errors",
            "iam-role " + ROLE,
            "iot-topic-rule " + RULE);
    assertThat(first.resources()).extracting(ResourceResult::outcome).containsOnly(Outcome.CREATED);
    assertThat(first.stores()).containsEntry("testhumidity", "dynamodb");

    InstallResult second = install(moto);
    assertThat(second.apiCalls().write()).isZero();
    assertThat(second.resources())
        .extracting(ResourceResult::outcome)
        .containsOnly(Outcome.UNCHANGED);
  }

  @Test
  void install_onDynamoDb_makesTheTableWithDeviceAndTimeKeysOnDemandTtlAndProtection(
      MotoServer.Instance moto) {
    install(moto);
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      TableDescription table = dynamo.describeTable(r -> r.tableName(TABLE)).table();
      assertThat(table.keySchema())
          .extracting(k -> k.attributeName() + " " + k.keyType())
          .containsExactly("device " + KeyType.HASH, "ts " + KeyType.RANGE);
      assertThat(table.attributeDefinitions())
          .extracting(d -> d.attributeName() + " " + d.attributeType())
          .containsExactlyInAnyOrder(
              "device " + ScalarAttributeType.S, "ts " + ScalarAttributeType.N);
      assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
      assertThat(table.deletionProtectionEnabled()).isTrue();
      var ttl = dynamo.describeTimeToLive(r -> r.tableName(TABLE)).timeToLiveDescription();
      assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
      assertThat(ttl.attributeName()).isEqualTo("expires");
    }
  }

  @Test
  void install_onDynamoDb_makesTheNewestReadingTable_keyedByTheDeviceAlone_onDemandAndTagged(
      MotoServer.Instance moto) {
    install(moto);
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      TableDescription table = dynamo.describeTable(r -> r.tableName(NEWEST)).table();
      assertThat(table.keySchema())
          .extracting(k -> k.attributeName() + " " + k.keyType())
          .containsExactly("device " + KeyType.HASH);
      assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
      assertThat(dynamo.listTagsOfResource(r -> r.resourceArn(table.tableArn())).tags())
          .extracting(t -> t.key() + "=" + t.value())
          .containsExactly("managedBy=iotsys");
    }
  }

  @Test
  void install_whenTheNewestReadingTableIsGone_makesItAgain_andThenWritesNothing(
      MotoServer.Instance moto) {
    install(moto);
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      dynamo.deleteTable(r -> r.tableName(NEWEST));

      InstallResult repair = install(moto);

      assertThat(repair.resources())
          .filteredOn(r -> r.outcome() == Outcome.UPDATED)
          .extracting(r -> r.kind() + ": " + String.join("; ", r.differences()))
          .containsExactly(
              "dynamodb-table: newest-reading table " + NEWEST + " missing \u2192 made");
      assertThat(dynamo.describeTable(r -> r.tableName(NEWEST)).table().keySchema()).hasSize(1);
    }
    assertThat(install(moto).apiCalls().write()).isZero();
  }

  @Test
  void uninstall_keepsBothTablesUnlessTheReadingsGo_thenDeletesBoth(MotoServer.Instance moto) {
    install(moto);
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto);
        Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      iotsys.uninstall("home", new UninstallOptions(false, false, false, false), e -> {});
      assertThat(dynamo.listTables().tableNames()).contains(TABLE, NEWEST);

      iotsys.uninstall("home", new UninstallOptions(false, true, false, false), e -> {});
      assertThat(dynamo.listTables().tableNames()).doesNotContain(TABLE, NEWEST);
    }
  }

  @Test
  void install_onDynamoDb_pointsTheRuleAtTheTableWithDeviceTimeAndExpiry(MotoServer.Instance moto) {
    install(moto);
    try (IotClient iot = MotoAws.iot(moto)) {
      TopicRule rule = iot.getTopicRule(r -> r.ruleName(RULE)).rule();
      // testhumidity keeps readings 30 days: 2,592,000 s, 2,592,000,000 ms.
      assertThat(rule.sql())
          .isEqualTo(
              "SELECT humidity, temperature, dropped, topic(2) AS device, "
                  + BoardTimeSql.of(2_592_000_000L)
                  + " AS ts,"
                  + " floor(timestamp() / 1000) + 2592000 AS expires"
                  + " FROM 'testhumidity/+'");
      assertThat(rule.awsIotSqlVersion()).isEqualTo("2016-03-23");
      // The same item into the type's table and into its companion of newest readings.
      assertThat(rule.actions())
          .extracting(a -> a.dynamoDBv2().putItem().tableName())
          .containsExactly(TABLE, NEWEST);
      for (Action action : rule.actions()) {
        assertThat(action.dynamoDBv2().roleArn())
            .isEqualTo("arn:aws:iam::123456789012:role/" + ROLE);
        assertThat(action.timestream()).isNull();
      }
    }
  }

  @Test
  void install_onDynamoDb_letsTheRolePutItemsIntoThatTableOnly_andOnlyThisRuleAssumeIt(
      MotoServer.Instance moto) throws Exception {
    install(moto);
    try (IamClient iam = MotoAws.iam(moto)) {
      JsonNode policy =
          JSON.readTree(
              URLDecoder.decode(
                  iam.getRolePolicy(r -> r.roleName(ROLE).policyName(ROLE + "-access"))
                      .policyDocument(),
                  StandardCharsets.UTF_8));
      JsonNode write = policy.get("Statement").get(0);
      assertThat(write.get("Action").asText()).isEqualTo("dynamodb:PutItem");
      assertThat(write.get("Resource"))
          .extracting(JsonNode::asText)
          .containsExactly(
              "arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE,
              "arn:aws:dynamodb:us-east-1:123456789012:table/" + NEWEST);
      assertThat(policy.get("Statement")).hasSize(2);
      assertThat(policy.get("Statement").get(1).get("Action").toString())
          .isEqualTo("[\"logs:CreateLogStream\",\"logs:PutLogEvents\"]");

      JsonNode trust =
          JSON.readTree(
              URLDecoder.decode(
                  iam.getRole(r -> r.roleName(ROLE)).role().assumeRolePolicyDocument(),
                  StandardCharsets.UTF_8));
      JsonNode condition = trust.get("Statement").get(0).get("Condition");
      assertThat(condition.get("ArnLike").get("aws:SourceArn").asText())
          .isEqualTo("arn:aws:iot:us-east-1:123456789012:rule/" + RULE);
      assertThat(condition.get("StringEquals").get("aws:SourceAccount").asText())
          .isEqualTo("123456789012");
    }
  }

  @Test
  void install_whenTtlProtectionRolePolicyAndRuleActionDrifted_repairsEachAndThenWritesNothing(
      MotoServer.Instance moto) {
    install(moto);
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto);
        IamClient iam = MotoAws.iam(moto);
        IotClient iot = MotoAws.iot(moto)) {
      dynamo.updateTimeToLive(
          r ->
              r.tableName(TABLE)
                  .timeToLiveSpecification(s -> s.enabled(false).attributeName("expires")));
      dynamo.updateTable(r -> r.tableName(TABLE).deletionProtectionEnabled(false));
      iam.putRolePolicy(
          r ->
              r.roleName(ROLE)
                  .policyName(ROLE + "-access")
                  .policyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Action\":\"dynamodb:*\",\"Resource\":\"*\"}]}"));
      TopicRule rule = iot.getTopicRule(r -> r.ruleName(RULE)).rule();
      iot.replaceTopicRule(
          r ->
              r.ruleName(RULE)
                  .topicRulePayload(
                      p ->
                          p.sql(rule.sql())
                              .awsIotSqlVersion(rule.awsIotSqlVersion())
                              .errorAction(rule.errorAction())
                              .actions(
                                  Action.builder()
                                      .dynamoDBv2(
                                          d ->
                                              d.roleArn(
                                                      rule.actions().get(0).dynamoDBv2().roleArn())
                                                  .putItem(i -> i.tableName("someone-elses-table")))
                                      .build())));

      InstallResult repair = install(moto);
      assertThat(repair.resources())
          .filteredOn(r -> r.outcome() == Outcome.UPDATED)
          .extracting(r -> r.kind() + ": " + String.join("; ", r.differences()))
          .containsExactly(
              "dynamodb-table: deletion protection off \u2192 on; time to live off \u2192 on"
                  + " expires",
              // Where the role's policy differs, current -> wanted, not the whole document; the
              // statement only the wanted policy has is shown cut to 100 characters.
              "iam-role: inline policy "
                  + ROLE
                  + "-access Statement[0].Action: \"dynamodb:*\" \u2192 \"dynamodb:PutItem\"; "
                  + "inline policy "
                  + ROLE
                  + "-access Statement[0].Resource: \"*\" \u2192"
                  + " [\"arn:aws:dynamodb:us-east-1:123456789012:table/"
                  + TABLE
                  + "\",\"arn:aws:dynamodb:us-ea...; inline policy "
                  + ROLE
                  + "-access Statement[1]: none \u2192"
                  + " {\"Action\":[\"logs:CreateLogStream\",\"logs:PutLogEvents\"],"
                  + "\"Effect\":\"Allow\",\"Resource\":\"arn:aws:logs:...",
              "iot-topic-rule: actions: dynamoDBv2 someone-elses-table \u2192 dynamoDBv2 "
                  + TABLE
                  + ", dynamoDBv2 "
                  + NEWEST);
      assertThat(dynamo.describeTable(r -> r.tableName(TABLE)).table().deletionProtectionEnabled())
          .isTrue();
      assertThat(
              dynamo
                  .describeTimeToLive(r -> r.tableName(TABLE))
                  .timeToLiveDescription()
                  .timeToLiveStatus())
          .isEqualTo(TimeToLiveStatus.ENABLED);
      assertThat(
              iot.getTopicRule(r -> r.ruleName(RULE))
                  .rule()
                  .actions()
                  .get(0)
                  .dynamoDBv2()
                  .putItem()
                  .tableName())
          .isEqualTo(TABLE);
    }
    assertThat(install(moto).apiCalls().write()).isZero();
  }

  @Test
  void install_whenTheBillingModeWasChanged_putsOnDemandBack(MotoServer.Instance moto) {
    install(moto);
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      dynamo.updateTable(
          r ->
              r.tableName(TABLE)
                  .billingMode(BillingMode.PROVISIONED)
                  .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L)));
      InstallResult repair = install(moto);
      assertThat(repair.resources())
          .filteredOn(r -> r.outcome() == Outcome.UPDATED)
          .extracting(r -> String.join("; ", r.differences()))
          .containsExactly("billing PROVISIONED \u2192 PAY_PER_REQUEST");
      assertThat(
              dynamo
                  .describeTable(r -> r.tableName(TABLE))
                  .table()
                  .billingModeSummary()
                  .billingMode())
          .isEqualTo(BillingMode.PAY_PER_REQUEST);
    }
  }

  @Test
  void install_whenATableOfThatNameHasOtherKeys_failsInOneLineAndLeavesTheTableAlone(
      MotoServer.Instance moto) {
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto);
        IotClient iot = MotoAws.iot(moto)) {
      dev.iotsys.testing.ForeignTables.dynamoDb(dynamo, TABLE);
      dynamo.putItem(
          r ->
              r.tableName(TABLE)
                  .item(
                      java.util.Map.of(
                          "id",
                          software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                              "precious"))));

      assertThatThrownBy(() -> install(moto))
          .isInstanceOfSatisfying(
              IotsysException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.PRECONDITION);
                assertThat(e.getMessage())
                    .contains(TABLE)
                    .contains("other keys")
                    .doesNotContain("\n");
              });
      assertThat(dynamo.scan(r -> r.tableName(TABLE)).items()).hasSize(1);
      assertThat(dynamo.describeTable(r -> r.tableName(TABLE)).table().keySchema())
          .extracting(k -> k.attributeName())
          .containsExactly("id");
      // Nothing else of the type was made after the table refused.
      assertThat(iot.listThingTypes().thingTypes()).isEmpty();
    }
  }

  @Test
  void dryRun_onDynamoDb_plansTheTableAndWritesNothing(MotoServer.Instance moto) {
    InstallResult plan;
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      plan = iotsys.install("home", "dynamodb", true, IotsysListener.NONE);
    }
    assertThat(plan.resources().get(0).kind() + " " + plan.resources().get(0).name())
        .isEqualTo("dynamodb-table " + TABLE);
    assertThat(plan.resources())
        .extracting(ResourceResult::outcome)
        .containsOnly(Outcome.WOULD_CREATE);
    assertThat(plan.apiCalls().write()).isZero();
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      assertThat(dynamo.listTables().tableNames()).isEmpty();
    }
  }

  @Test
  void install_withAnUnknownStore_failsAsInputBeforeAnyCall(MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      assertThatThrownBy(() -> iotsys.install("home", "influx", false, IotsysListener.NONE))
          .isInstanceOfSatisfying(
              IotsysException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                assertThat(e.getMessage())
                    .isEqualTo("Unknown store 'influx'; known stores: dynamodb, timestream");
              });
      assertThat(iotsys.apiCallsByOperation()).isEmpty();
    }
  }

  @Test
  void install_withADatabaseNameTooLongForATableName_failsAsInputBeforeAnyCall(
      MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      assertThatThrownBy(
              () -> iotsys.install("d".repeat(250), "dynamodb", false, IotsysListener.NONE))
          .isInstanceOfSatisfying(
              IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
          // 255 less "iotsys.", "." and "testhumidity", and "-newest" of the companion's name.
          .hasMessageContaining("at most 228");
      assertThat(iotsys.apiCallsByOperation()).isEmpty();
    }
  }
}
