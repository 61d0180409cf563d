package dev.iotsys.internal.iot;

import dev.iotsys.internal.engine.SdkMaps;
import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.TopicRule;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;
import software.amazon.awssdk.services.iot.model.UnauthorizedException;

/**
 * A topic rule. A rule that differs in any part is replaced whole (ReplaceTopicRule), which is what
 * AWS offers.
 */
public final class TopicRuleResource implements Resource<TopicRule>, Deleter<TopicRule> {
  /** A role created seconds ago may not be assumable yet (IAM is eventually consistent). */
  static final int ROLE_PROPAGATION_ATTEMPTS = 6;

  private final IotClient iot;
  private final String name;
  private final Supplier<TopicRulePayload> desired;
  private final Duration propagationDelay;
  private Optional<TopicRule> known;

  /** A rule resource; the desired payload is asked for only when compared or written. */
  public TopicRuleResource(IotClient iot, String name, Supplier<TopicRulePayload> desired) {
    this(iot, name, desired, Duration.ofSeconds(3));
  }

  TopicRuleResource(
      IotClient iot, String name, Supplier<TopicRulePayload> desired, Duration delay) {
    this.iot = iot;
    this.name = name;
    this.desired = desired;
    this.propagationDelay = delay;
  }

  /**
   * The rule as read a moment ago by the same command (to learn which store a type is on), so that
   * the next {@link #read()} need not ask AWS again. Later reads ask.
   */
  public TopicRuleResource knownToBe(Optional<TopicRule> rule) {
    this.known = rule;
    return this;
  }

  @Override
  public String kind() {
    return "iot-topic-rule";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<TopicRule> read() {
    if (known != null) {
      Optional<TopicRule> rule = known;
      known = null;
      return rule;
    }
    try {
      return Optional.ofNullable(iot.getTopicRule(r -> r.ruleName(name)).rule());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (UnauthorizedException e) {
      // AWS answers a missing rule with UnauthorizedException; tell it from a real denial.
      boolean listed =
          iot.listTopicRulesPaginator(r -> r.maxResults(250)).rules().stream()
              .anyMatch(rule -> name.equals(rule.ruleName()));
      if (listed) {
        throw e;
      }
      return Optional.empty();
    }
  }

  @Override
  public List<String> differences(TopicRule actual) {
    TopicRulePayload desired = this.desired.get();
    List<String> diffs = new ArrayList<>();
    if (!Objects.equals(desired.sql(), actual.sql())) {
      diffs.add("sql: " + actual.sql() + " \u2192 " + desired.sql());
    }
    if (!Objects.equals(desired.awsIotSqlVersion(), actual.awsIotSqlVersion())) {
      diffs.add(
          "sql version: " + actual.awsIotSqlVersion() + " \u2192 " + desired.awsIotSqlVersion());
    }
    if (Boolean.TRUE.equals(actual.ruleDisabled())) {
      diffs.add("disabled \u2192 enabled");
    }
    if (!sameActions(desired.actions(), actual.actions())) {
      diffs.add(actionDifference("actions", actual.actions(), desired.actions()));
    }
    if (!sameAction(desired.errorAction(), actual.errorAction())) {
      diffs.add(
          actionDifference(
              "error action",
              actual.errorAction() == null ? List.of() : List.of(actual.errorAction()),
              List.of(desired.errorAction())));
    }
    return diffs;
  }

  private static boolean sameActions(List<Action> want, List<Action> have) {
    if (have == null || want.size() != have.size()) {
      return false;
    }
    for (int i = 0; i < want.size(); i++) {
      if (!sameAction(want.get(i), have.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Compares the parts iotsys sets, so that defaults AWS may echo back (batch mode and the like)
   * are not mistaken for drift. Works for every action kind alike.
   */
  static boolean sameAction(Action want, Action have) {
    if (want == null || have == null) {
      return want == have;
    }
    return SdkMaps.covers(SdkMaps.toMap(have), SdkMaps.toMap(want));
  }

  /**
   * What differs: the kinds and targets when they do, else the first setting that does, e.g. {@code
   * actions: timestream.databaseName: other → db}.
   */
  private static String actionDifference(String what, List<Action> have, List<Action> want) {
    String current = summary(have);
    String wanted = summary(want);
    if (!current.equals(wanted) || have == null || have.size() != want.size()) {
      return what + ": " + current + " \u2192 " + wanted;
    }
    for (int i = 0; i < want.size(); i++) {
      java.util.Optional<String> d =
          SdkMaps.difference(SdkMaps.toMap(have.get(i)), SdkMaps.toMap(want.get(i)), "");
      if (d.isPresent()) {
        return what + ": " + d.get();
      }
    }
    return what + ": " + current + " \u2192 " + wanted;
  }

  /** Each action's kind and where it writes, e.g. {@code dynamoDBv2 iotsys.home.attictemp}. */
  static String summary(List<Action> actions) {
    if (actions == null || actions.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (Action a : actions) {
      SdkMaps.toMap(a).forEach((kind, body) -> parts.add(kind + target(body)));
    }
    return String.join(", ", parts);
  }

  private static String target(Object body) {
    if (body instanceof java.util.Map<?, ?> m) {
      for (String key : List.of("tableName", "logGroupName", "metricNamespace", "topic")) {
        if (m.get(key) != null) {
          return " " + m.get(key);
        }
      }
      Object putItem = m.get("putItem");
      if (putItem != null) {
        return target(putItem);
      }
    }
    return "";
  }

  @Override
  public void create() {
    TopicRulePayload payload = desired.get();
    whenRoleAssumable(() -> iot.createTopicRule(r -> r.ruleName(name).topicRulePayload(payload)));
  }

  @Override
  public void update(TopicRule actual) {
    TopicRulePayload payload = desired.get();
    whenRoleAssumable(() -> iot.replaceTopicRule(r -> r.ruleName(name).topicRulePayload(payload)));
  }

  @Override
  public Optional<String> delete(TopicRule actual) {
    iot.deleteTopicRule(r -> r.ruleName(name));
    return Optional.empty();
  }

  private void whenRoleAssumable(Runnable call) {
    for (int attempt = 1; ; attempt++) {
      try {
        call.run();
        return;
      } catch (InvalidRequestException e) {
        String message = String.valueOf(e.getMessage());
        if (attempt >= ROLE_PROPAGATION_ATTEMPTS || !message.contains("assume")) {
          throw e;
        }
        sleep(propagationDelay);
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the rule's role", e);
    }
  }
}
