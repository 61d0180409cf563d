package dev.iotsys.internal;

import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.internal.iot.TopicRuleResource;
import dev.iotsys.spi.SensorType;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.TopicRule;

/**
 * The database a sensor type's readings go to, as its topic rule says: the commands that work on
 * one type or one sensor need no {@code --db} while the rule exists.
 */
final class RuleDatabase {
  private RuleDatabase() {}

  static Optional<String> of(AwsClients clients, SensorType type) {
    TopicRuleResource rule =
        new TopicRuleResource(clients.iot(), new TypeNames(type.id()).topicRule(), null);
    Optional<TopicRule> actual;
    try {
      actual = rule.read();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "reading " + rule);
    }
    return actual.flatMap(r -> r.actions().stream()
        .filter(a -> a.timestream() != null)
        .map(a -> a.timestream().databaseName())
        .findFirst());
  }
}
