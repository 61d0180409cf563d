package dev.iotsys.testing;

import java.util.Set;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;

/**
 * Shows e-mail subscriptions as AWS shows them until their owner clicks the confirmation link: moto
 * confirms every subscription at once, AWS lists an unconfirmed one with the subscription ARN
 * {@code PendingConfirmation}. This rewrites only that field of moto's real answer to
 * ListSubscriptionsByTopic, for the given addresses; everything else is moto's.
 */
public final class PendingConfirmation implements ExecutionInterceptor {
  private final Set<String> addresses;

  public PendingConfirmation(String... addresses) {
    this.addresses = Set.of(addresses);
  }

  @Override
  public SdkResponse modifyResponse(
      Context.ModifyResponse context, ExecutionAttributes attributes) {
    if (context.response() instanceof ListSubscriptionsByTopicResponse listed) {
      return listed.toBuilder()
          .subscriptions(
              listed.subscriptions().stream()
                  .map(
                      s ->
                          addresses.contains(s.endpoint())
                              ? s.toBuilder().subscriptionArn("PendingConfirmation").build()
                              : s)
                  .toList())
          .build();
    }
    return context.response();
  }
}
