package dev.iotsys.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.IotException;

/**
 * The retry rule every client gets: a server's 5xx for as long as half the call's time allows,
 * everything else (throttling, a broken connection) the SDK's three attempts.
 */
class CallRetriesTest {
  private final AtomicLong now = new AtomicLong();
  private final CallRetries retries = new CallRetries(Duration.ofSeconds(10), now::get);

  /** What the SDK makes of a proxy's HTML page with a status: no AWS error code at all. */
  private static SdkException page(int status) {
    return IotException.builder().statusCode(status).message(null).build();
  }

  private static SdkException aws(int status, String code) {
    return IotException.builder()
        .statusCode(status)
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage(code).serviceName("Iot").build())
        .build();
  }

  /** The attempts one call gets for this failure, repeated, with the clock moving {@code step}. */
  private final List<Duration> waits = new ArrayList<>();

  private int attempts(SdkException failure, Duration step) {
    CallRetries.Attempts call = retries.begin();
    int attempts = 1;
    while (true) {
      Optional<Duration> wait = call.after(failure);
      if (wait.isEmpty()) {
        return attempts;
      }
      waits.add(wait.get());
      attempts++;
      now.addAndGet(step.toNanos());
    }
  }

  @Test
  void aProxysHtml500_isRetriedUntilHalfTheCallTimeIsSpent() {
    // One attempt a second: the retries after 0, 1, 2, 3 and 4 s go; at 5 s half of 10 s is spent.
    assertThat(attempts(page(500), Duration.ofSeconds(1))).isEqualTo(6);
    assertThat(waits).allMatch(w -> w.compareTo(CallRetries.LONGEST_WAIT) <= 0);
  }

  @Test
  void serverErrors502to504_andAwssOwn500_areRetriedAlike() {
    for (SdkException failure :
        new SdkException[] {page(502), page(503), page(504), aws(500, "InternalFailure")}) {
      assertThat(attempts(failure, Duration.ofSeconds(1))).as(failure.toString()).isEqualTo(6);
    }
  }

  @Test
  void fastServerErrors_stopAtTheMostAttempts() {
    assertThat(attempts(page(503), Duration.ofMillis(1))).isEqualTo(CallRetries.MOST_ATTEMPTS);
  }

  @Test
  void manyCallsThatMetServerErrors_leaveTheNextCallAllItsRetries() {
    // Each call fails twice, then succeeds: the SDK's quota of 500 would be spent after 100.
    for (int call = 0; call < 300; call++) {
      CallRetries.Attempts attempts = retries.begin();
      assertThat(attempts.after(page(500))).as("call %d, first retry", call).isPresent();
      assertThat(attempts.after(page(500))).as("call %d, second retry", call).isPresent();
      attempts.succeeded();
    }
    assertThat(attempts(page(500), Duration.ofSeconds(1))).isEqualTo(6);
  }

  @Test
  void throttling_keepsTheSdksThreeAttempts() {
    assertThat(attempts(aws(400, "ThrottlingException"), Duration.ZERO)).isEqualTo(3);
    assertThat(attempts(aws(429, "TooManyRequestsException"), Duration.ZERO)).isEqualTo(3);
  }

  @Test
  void aBrokenConnection_keepsTheSdksThreeAttempts() {
    SdkException reset =
        SdkClientException.builder()
            .message("Unable to execute HTTP request")
            .cause(new IOException("Connection reset"))
            .build();
    assertThat(attempts(reset, Duration.ZERO)).isEqualTo(3);
  }

  @Test
  void aClientError_isNotRetried() {
    assertThat(attempts(aws(400, "InvalidRequestException"), Duration.ZERO)).isEqualTo(1);
  }
}
