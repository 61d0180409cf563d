package dev.iotsys.internal.iot;

import dev.iotsys.internal.engine.AwsResource;
import dev.iotsys.internal.engine.Deleter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iot.model.TopicRule;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;
import software.amazon.awssdk.services.iot.model.UnauthorizedException;

/**
 * A topic rule. A rule that differs in any part is replaced whole (ReplaceTopicRule), which is
 * what AWS offers.
 */
public final class TopicRuleResource extends AwsResource<TopicRule> implements Deleter<TopicRule> {
  /** A role created seconds ago may not be assumable yet (IAM is eventually consistent). */
  static final int ROLE_PROPAGATION_ATTEMPTS = 6;

  private final IotClient iot;
  private final String name;
  private final TopicRulePayload desired;
  private final Duration propagationDelay;

  public TopicRuleResource(IotClient iot, String name, TopicRulePayload desired) {
    this(iot, name, desired, Duration.ofSeconds(3));
  }

  TopicRuleResource(IotClient iot, String name, TopicRulePayload desired, Duration delay) {
    this.iot = iot;
    this.name = name;
    this.desired = desired;
    this.propagationDelay = delay;
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
    try {
      return Optional.ofNullable(iot.getTopicRule(r -> r.ruleName(name)).rule());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (UnauthorizedException e) {
      // AWS answers a missing rule with UnauthorizedException; tell it from a real denial.
      boolean listed = iot.listTopicRulesPaginator(r -> r.maxResults(250)).rules().stream()
          .anyMatch(rule -> name.equals(rule.ruleName()));
      if (listed) {
        throw e;
      }
      return Optional.empty();
    }
  }

  @Override
  public List<String> differences(TopicRule actual) {
    List<String> diffs = new ArrayList<>();
    if (!Objects.equals(desired.sql(), actual.sql())) {
      diffs.add("sql: " + actual.sql());
    }
    if (!Objects.equals(desired.awsIotSqlVersion(), actual.awsIotSqlVersion())) {
      diffs.add("sql version: " + actual.awsIotSqlVersion());
    }
    if (Boolean.TRUE.equals(actual.ruleDisabled())) {
      diffs.add("disabled");
    }
    if (!sameActions(desired.actions(), actual.actions())) {
      diffs.add("actions");
    }
    if (!sameAction(desired.errorAction(), actual.errorAction())) {
      diffs.add("error action");
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
   * are not mistaken for drift.
   */
  static boolean sameAction(Action want, Action have) {
    if (want == null || have == null) {
      return want == have;
    }
    if (want.timestream() != null) {
      var w = want.timestream();
      var h = have.timestream();
      return h != null
          && Objects.equals(w.roleArn(), h.roleArn())
          && Objects.equals(w.databaseName(), h.databaseName())
          && Objects.equals(w.tableName(), h.tableName())
          && Objects.equals(w.dimensions(), h.dimensions())
          && Objects.equals(w.timestamp(), h.timestamp());
    }
    if (want.cloudwatchLogs() != null) {
      var w = want.cloudwatchLogs();
      var h = have.cloudwatchLogs();
      return h != null
          && Objects.equals(w.roleArn(), h.roleArn())
          && Objects.equals(w.logGroupName(), h.logGroupName());
    }
    return want.equals(have);
  }

  @Override
  public void create() {
    whenRoleAssumable(() -> iot.createTopicRule(r -> r.ruleName(name).topicRulePayload(desired)));
  }

  @Override
  public void update(TopicRule actual) {
    whenRoleAssumable(() -> iot.replaceTopicRule(r -> r.ruleName(name).topicRulePayload(desired)));
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
