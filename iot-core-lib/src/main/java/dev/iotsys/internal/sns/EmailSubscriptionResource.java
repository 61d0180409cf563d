package dev.iotsys.internal.sns;

import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.Resource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * One e-mail subscription of a topic. AWS e-mails the address a confirmation link; until it is
 * clicked, ListSubscriptionsByTopic shows the subscription with the ARN {@code
 * PendingConfirmation}, and nobody can cancel it (Unsubscribe needs the real ARN): it lapses when
 * its link expires after three days, or goes with the topic. Pending is a state, not a difference:
 * converging cannot confirm anyone's e-mail.
 */
public final class EmailSubscriptionResource
    implements Resource<EmailSubscriptionResource.State>, Deleter<EmailSubscriptionResource.State> {
  static final String PENDING = "PendingConfirmation";

  /**
   * A subscription as it exists.
   *
   * @param arn its ARN; {@code PendingConfirmation} while pending
   */
  public record State(String arn) {
    /** Whether the address's owner has not clicked AWS's link yet. */
    public boolean pending() {
      return isPending(arn);
    }
  }

  private final SnsClient sns;
  private final Supplier<String> topicArn;
  private final String address;
  private Optional<State> known;

  public EmailSubscriptionResource(SnsClient sns, Supplier<String> topicArn, String address) {
    this.sns = sns;
    this.topicArn = topicArn;
    this.address = address;
  }

  /** As the same command listed it a moment ago; later reads list again. */
  public EmailSubscriptionResource knownToBe(Optional<State> state) {
    this.known = state;
    return this;
  }

  /** Listed as {@code PendingConfirmation}; Subscribe answers "pending confirmation". */
  public static boolean isPending(String arn) {
    return arn == null
        || !arn.startsWith("arn:")
        || arn.toLowerCase(Locale.ROOT).replace(" ", "").equals(PENDING.toLowerCase(Locale.ROOT));
  }

  /** The topic's e-mail subscriptions, or none when the topic does not exist. */
  public static List<Subscription> list(SnsClient sns, String topicArn) {
    try {
      return sns
          .listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn))
          .subscriptions()
          .stream()
          .filter(s -> "email".equals(s.protocol()))
          .toList();
    } catch (NotFoundException e) {
      return List.of();
    }
  }

  @Override
  public String kind() {
    return "sns-subscription";
  }

  @Override
  public String name() {
    return address;
  }

  @Override
  public Optional<State> read() {
    if (known != null) {
      Optional<State> state = known;
      known = null;
      return state;
    }
    return list(sns, topicArn.get()).stream()
        .filter(s -> address.equals(s.endpoint()))
        .findFirst()
        .map(s -> new State(s.subscriptionArn()));
  }

  @Override
  public List<String> differences(State actual) {
    return List.of();
  }

  /** Subscribe answers the existing subscription for the same address: a race is harmless. */
  @Override
  public void create() {
    sns.subscribe(r -> r.topicArn(topicArn.get()).protocol("email").endpoint(address));
  }

  @Override
  public void update(State actual) {
    // Nothing of a subscription can differ: it exists, or it is pending until its owner clicks.
  }

  @Override
  public Optional<String> delete(State actual) {
    if (actual.pending()) {
      return Optional.of(
          address
              + " has not confirmed yet, and AWS lets nobody cancel an"
              + " unconfirmed subscription: it lapses when its link expires after three days");
    }
    sns.unsubscribe(r -> r.subscriptionArn(actual.arn()));
    return Optional.empty();
  }
}
