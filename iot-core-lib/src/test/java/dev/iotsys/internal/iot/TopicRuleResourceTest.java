package dev.iotsys.internal.iot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.CreateTopicRuleResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.ListTopicRulesRequest;
import software.amazon.awssdk.services.iot.model.ListTopicRulesResponse;
import software.amazon.awssdk.services.iot.model.TimestreamDimension;
import software.amazon.awssdk.services.iot.model.TopicRule;
import software.amazon.awssdk.services.iot.model.TopicRuleListItem;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;
import software.amazon.awssdk.services.iot.model.UnauthorizedException;
import software.amazon.awssdk.services.iot.paginators.ListTopicRulesIterable;

class TopicRuleResourceTest {
  private static final TimestreamDimension DEVICE =
      TimestreamDimension.builder().name("device").value("${topic(2)}").build();
  private static final Action TIMESTREAM =
      Action.builder()
          .timestream(
              t ->
                  t.roleArn("arn:aws:iam::1:role/r")
                      .databaseName("db")
                      .tableName("t")
                      .dimensions(DEVICE))
          .build();
  private static final Action LOGS =
      Action.builder()
          .cloudwatchLogs(l -> l.roleArn("arn:aws:iam::1:role/r").logGroupName("/g"))
          .build();
  private static final TopicRulePayload DESIRED =
      TopicRulePayload.builder()
          .sql("SELECT temperature FROM 'x/+'")
          .awsIotSqlVersion("2015-10-08")
          .actions(TIMESTREAM)
          .errorAction(LOGS)
          .build();

  private final IotClient iot = mock(IotClient.class);
  private final TopicRuleResource rule =
      new TopicRuleResource(iot, "iotsys_x", () -> DESIRED, Duration.ZERO);

  @SuppressWarnings("unchecked")
  private void listedRules(String... names) {
    when(iot.getTopicRule(any(Consumer.class)))
        .thenThrow(UnauthorizedException.builder().message("not authorized").build());
    ListTopicRulesIterable pages =
        new ListTopicRulesIterable(iot, ListTopicRulesRequest.builder().build());
    when(iot.listTopicRulesPaginator(any(Consumer.class))).thenReturn(pages);
    when(iot.listTopicRules(any(ListTopicRulesRequest.class)))
        .thenReturn(
            ListTopicRulesResponse.builder()
                .rules(
                    java.util.Arrays.stream(names)
                        .map(n -> TopicRuleListItem.builder().ruleName(n).build())
                        .toList())
                .build());
  }

  @Test
  void read_whenAwsAnswersUnauthorizedForAMissingRule_reportsAbsent() {
    listedRules("some_other_rule");
    assertTrue(rule.read().isEmpty());
  }

  @Test
  void read_whenUnauthorizedForAnExistingRule_isARealDenial() {
    listedRules("iotsys_x");
    assertThrows(UnauthorizedException.class, rule::read);
  }

  @Test
  void differences_ignoreDefaultsAwsEchoesBack() {
    TopicRule actual =
        TopicRule.builder()
            .sql(DESIRED.sql())
            .awsIotSqlVersion("2015-10-08")
            .ruleDisabled(false)
            .actions(TIMESTREAM)
            .errorAction(
                Action.builder()
                    .cloudwatchLogs(
                        l -> l.roleArn("arn:aws:iam::1:role/r").logGroupName("/g").batchMode(false))
                    .build())
            .build();
    assertTrue(rule.differences(actual).isEmpty());
  }

  @Test
  void differences_nameEachChangedPart() {
    TopicRule actual =
        TopicRule.builder()
            .sql("SELECT * FROM 'x/#'")
            .awsIotSqlVersion("2016-03-23")
            .ruleDisabled(true)
            .actions(
                Action.builder()
                    .timestream(
                        t ->
                            t.roleArn("arn:aws:iam::1:role/r")
                                .databaseName("other")
                                .tableName("t")
                                .dimensions(DEVICE))
                    .build())
            .build();
    assertEquals(
        List.of(
            "sql: SELECT * FROM 'x/#' \u2192 SELECT temperature FROM 'x/+'",
            "sql version: 2016-03-23 \u2192 2015-10-08",
            "disabled \u2192 enabled",
            "actions: timestream.databaseName: other \u2192 db",
            "error action: none \u2192 cloudwatchLogs /g"),
        rule.differences(actual));
  }

  @Test
  void differences_whenOnlyASettingOfAnActionChanged_nameTheSetting() {
    TopicRule actual =
        TopicRule.builder()
            .sql(DESIRED.sql())
            .awsIotSqlVersion("2015-10-08")
            .ruleDisabled(false)
            .actions(
                Action.builder()
                    .timestream(
                        t ->
                            t.roleArn("arn:aws:iam::1:role/other")
                                .databaseName("db")
                                .tableName("t")
                                .dimensions(DEVICE))
                    .build())
            .errorAction(LOGS)
            .build();
    assertEquals(
        List.of(
            "actions: timestream.roleArn: arn:aws:iam::1:role/other \u2192"
                + " arn:aws:iam::1:role/r"),
        rule.differences(actual));
  }

  @Test
  @SuppressWarnings("unchecked")
  void create_whenRoleNotYetAssumable_retriesUntilIamHasPropagated() {
    when(iot.createTopicRule(any(Consumer.class)))
        .thenThrow(
            InvalidRequestException.builder()
                .message("iot.amazonaws.com is unable to assume role")
                .build())
        .thenReturn(CreateTopicRuleResponse.builder().build());
    rule.create();
    verify(iot, times(2)).createTopicRule(any(Consumer.class));
  }

  @Test
  @SuppressWarnings("unchecked")
  void create_whenRequestIsInvalidForAnotherReason_failsAtOnce() {
    when(iot.createTopicRule(any(Consumer.class)))
        .thenThrow(InvalidRequestException.builder().message("bad sql").build());
    assertThrows(InvalidRequestException.class, rule::create);
    verify(iot, times(1)).createTopicRule(any(Consumer.class));
  }
}
