package dev.iotsys.internal.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EmailSubscriptionResourceTest {
  @Test
  void isPending_readsAwsPlaceholdersAsPending_andAnArnAsConfirmed() {
    assertTrue(EmailSubscriptionResource.isPending("PendingConfirmation"));
    assertTrue(EmailSubscriptionResource.isPending("pending confirmation"));
    assertTrue(EmailSubscriptionResource.isPending(null));
    assertFalse(
        EmailSubscriptionResource.isPending(
            "arn:aws:sns:us-east-1:123456789012:iotsys-alerts:0bd6f967"));
  }

  @Test
  void deletingAPendingSubscription_callsNoAwsAndSaysWhyItStays() {
    // No client at all: a call to AWS would fail the test.
    EmailSubscriptionResource pending =
        new EmailSubscriptionResource(null, () -> "arn", "me@example.com");
    assertThat(pending.delete(new EmailSubscriptionResource.State("PendingConfirmation")))
        .hasValueSatisfying(
            reason -> assertThat(reason).contains("me@example.com").contains("three days"));
  }
}
