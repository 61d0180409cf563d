package dev.iotsys.internal.sns;

import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.Resource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;

/**
 * An SNS topic and its display name, which e-mail clients show as the sender. Deleting it deletes
 * its subscriptions too, confirmed or not (DeleteTopic), which nothing else can do for a
 * subscription still awaiting confirmation.
 */
public final class TopicResource
    implements Resource<Map<String, String>>, Deleter<Map<String, String>> {
  static final String DISPLAY_NAME = "DisplayName";

  private final SnsClient sns;
  private final String name;
  private final Supplier<String> arn;
  private final String displayName;
  private Optional<Map<String, String>> known;

  /**
   * A topic resource.
   *
   * @param arn the topic's ARN, asked for only when read (it needs the account)
   */
  public TopicResource(SnsClient sns, String name, Supplier<String> arn, String displayName) {
    this.sns = sns;
    this.name = name;
    this.arn = arn;
    this.displayName = displayName;
  }

  /** The topic's attributes as the same command read them a moment ago; later reads ask AWS. */
  public TopicResource knownToBe(Optional<Map<String, String>> attributes) {
    this.known = attributes;
    return this;
  }

  @Override
  public String kind() {
    return "sns-topic";
  }

  @Override
  public String name() {
    return name;
  }

  /** The topic's ARN. */
  public String arn() {
    return arn.get();
  }

  @Override
  public Optional<Map<String, String>> read() {
    if (known != null) {
      Optional<Map<String, String>> attributes = known;
      known = null;
      return attributes;
    }
    try {
      return Optional.of(sns.getTopicAttributes(r -> r.topicArn(arn.get())).attributes());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> differences(Map<String, String> actual) {
    String current = actual.get(DISPLAY_NAME);
    return Objects.equals(current, displayName)
        ? List.of()
        : List.of(
            "display name: "
                + (current == null || current.isEmpty() ? "none" : current)
                + " \u2192 "
                + displayName);
  }

  /** CreateTopic returns the existing topic when one of the name exists: a race is harmless. */
  @Override
  public void create() {
    sns.createTopic(r -> r.name(name).attributes(Map.of(DISPLAY_NAME, displayName)));
  }

  @Override
  public void update(Map<String, String> actual) {
    sns.setTopicAttributes(
        r -> r.topicArn(arn.get()).attributeName(DISPLAY_NAME).attributeValue(displayName));
  }

  @Override
  public Optional<String> delete(Map<String, String> actual) {
    sns.deleteTopic(r -> r.topicArn(arn.get()));
    return Optional.empty();
  }
}
