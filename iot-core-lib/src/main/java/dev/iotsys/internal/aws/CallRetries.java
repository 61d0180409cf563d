package dev.iotsys.internal.aws;

import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * How every AWS call of iotsys is retried: the SDK's standard strategy (its conditions, its
 * throttling back-off and its circuit breaker), with one change. The SDK gives every failure three
 * attempts; an answer of HTTP 500, 502, 503 or 504 is retried here until half the call's time is
 * spent, because it says that the service, or a proxy or load balancer in front of it, failed for
 * the moment. The SDK already retries such an answer whatever its body (AWS's JSON, a proxy's HTML
 * page) and whatever the operation (a read or a write); but three attempts are too few where half
 * of all answers fail: with eight sensors at once, the attempts of one call interleave with the
 * others' and meet three failures in a row often (a proxy failing every other request failed 6 of 8
 * names of a {@code sensor add}). The other half of the call's time is left for its last attempt,
 * so a failure that does not pass is reported as what it is, not as a timeout. Throttling keeps the
 * SDK's three attempts and back-off: it says "slow down", and {@code THROTTLED} tells the user to
 * run again later.
 *
 * <p>The retries after a 5xx do not draw on the SDK's retry quota (its circuit breaker: 500 tokens
 * per client, 5 taken by each retry, 5 given back by the success that follows, 1 by a success at
 * the first attempt). Where half of all answers fail, a call costs 2 tokens on average, so the
 * quota ran out after some 250 calls, one {@code sensor add} of eight names, and the calls after
 * that failed at their first 5xx. The load a 5xx retry can make is bounded here instead: by the
 * call's time, by {@link #MOST_ATTEMPTS}, and by waits that double up to {@link #LONGEST_WAIT}.
 * Throttling and broken connections still go through the quota.
 *
 * <p>A write the service did but whose answer was lost is retried too, as the SDK retries AWS's own
 * 5xx: creates meet "already exists" and read again, deletes meet "not found", attachments are
 * idempotent. The one write that is not, issuing a certificate, is sent without the SDK's retries
 * ({@link #sendOnce()}) and retried by its caller, which first looks for the certificate a lost
 * answer would have named.
 */
public final class CallRetries implements RetryStrategy {
  /** The SDK's standard attempts, for every failure that is not a server's 5xx. */
  static final int SDK_ATTEMPTS = 3;

  /** Attempts of one call at most, however long its time: a bound on the load a call can make. */
  static final int MOST_ATTEMPTS = 30;

  /** The first wait after a 5xx; each later one doubles, up to {@link #LONGEST_WAIT}. */
  static final Duration FIRST_WAIT = Duration.ofMillis(50);

  static final Duration LONGEST_WAIT = Duration.ofMillis(400);

  private static final BackoffStrategy SERVER_FAILED_BACKOFF =
      BackoffStrategy.exponentialDelay(FIRST_WAIT, LONGEST_WAIT);

  private final RetryStrategy sdk;
  private final long budgetNanos;
  private final LongSupplier nanoTime;

  /** One call's progress: the SDK's token, when its first attempt started, and its attempts. */
  private record Token(RetryToken sdk, long started, int attempts) implements RetryToken {}

  /**
   * @param callTimeout the longest one call may take, retries included (the SDK's apiCallTimeout)
   */
  public CallRetries(Duration callTimeout) {
    this(callTimeout, System::nanoTime);
  }

  CallRetries(Duration callTimeout, LongSupplier nanoTime) {
    this.sdk =
        AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(MOST_ATTEMPTS)
            .backoffStrategy(SERVER_FAILED_BACKOFF)
            .build();
    this.budgetNanos = callTimeout.toNanos() / 2;
    this.nanoTime = nanoTime;
  }

  /**
   * Whether the failure is an answer that says the server failed for the moment: HTTP 500, 502, 503
   * or 504, whatever its body.
   */
  public static boolean serverFailedForTheMoment(Throwable failure) {
    return failure instanceof SdkServiceException e
        && !e.isThrottlingException()
        && (e.statusCode() == 500
            || e.statusCode() == 502
            || e.statusCode() == 503
            || e.statusCode() == 504);
  }

  @Override
  public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
    AcquireInitialTokenResponse first = sdk.acquireInitialToken(request);
    return AcquireInitialTokenResponse.create(
        new Token(first.token(), nanoTime.getAsLong(), 1), first.delay());
  }

  @Override
  public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
    Token token = (Token) request.token();
    Throwable failure = request.failure();
    if (serverFailedForTheMoment(failure)) {
      if (token.attempts() >= MOST_ATTEMPTS
          || nanoTime.getAsLong() - token.started() >= budgetNanos) {
        throw new TokenAcquisitionFailedException(
            "no more attempts after " + token.attempts(), token, failure);
      }
      // Not through the SDK's retry quota: see the class comment.
      return RefreshRetryTokenResponse.create(
          new Token(token.sdk(), token.started(), token.attempts() + 1),
          SERVER_FAILED_BACKOFF.computeDelay(token.attempts()));
    }
    if (token.attempts() >= SDK_ATTEMPTS) {
      throw new TokenAcquisitionFailedException(
          "no more attempts after " + token.attempts(), token, failure);
    }
    RefreshRetryTokenResponse next =
        sdk.refreshRetryToken(request.toBuilder().token(token.sdk()).build());
    return RefreshRetryTokenResponse.create(
        new Token(next.token(), token.started(), token.attempts() + 1), next.delay());
  }

  @Override
  public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
    sdk.recordSuccess(RecordSuccessRequest.create(((Token) request.token()).sdk()));
    return RecordSuccessResponse.create(request.token());
  }

  @Override
  public int maxAttempts() {
    return MOST_ATTEMPTS;
  }

  /** The strategy is complete as it is: the SDK must not add its defaults to it. */
  @Override
  public boolean useClientDefaults() {
    return false;
  }

  @Override
  public Builder<?, ?> toBuilder() {
    throw new UnsupportedOperationException(
        "iotsys's retry strategy is built by AwsClients, not changed with a builder");
  }

  /**
   * One call's attempts, for a caller that retries a call itself ({@link #sendOnce()}) under the
   * same rule as every other call.
   */
  public Attempts begin() {
    return new Attempts(acquireInitialToken(AcquireInitialTokenRequest.create("iotsys")).token());
  }

  /** The attempts of one call its caller retries. */
  public final class Attempts {
    private RetryToken token;

    private Attempts(RetryToken token) {
      this.token = token;
    }

    /** How long to wait before the next attempt after this failure; empty: give up. */
    public Optional<Duration> after(SdkException failure) {
      try {
        RefreshRetryTokenResponse next =
            refreshRetryToken(
                RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
        token = next.token();
        return Optional.of(next.delay());
      } catch (TokenAcquisitionFailedException e) {
        return Optional.empty();
      }
    }

    /** The call succeeded. */
    public void succeeded() {
      recordSuccess(RecordSuccessRequest.create(token));
    }
  }

  /**
   * A request setting that sends the call once, without the SDK's retries: for a write that is not
   * idempotent, whose caller retries it through {@link #begin()} and looks, before each new
   * attempt, for what a lost answer did.
   */
  public static software.amazon.awssdk.core.SdkPlugin sendOnce() {
    return config ->
        config.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
  }
}
