package dev.iotsys.testing;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Answers as AWS does when a quota is exceeded, for a while: the first {@code refusals} attempts of
 * every API ({@code Service:Operation}) get HTTP 429, alternately {@code ThrottlingException} and
 * {@code TooManyRequestsException}, then every attempt goes through. moto never throttles.
 *
 * <p>The refusal is raised in {@code beforeTransmission}, which the SDK runs for every attempt
 * inside its retry loop: the refused attempt never reaches the server (as with AWS, a throttled
 * call changes nothing) and the client's retry strategy decides what happens next.
 */
public final class Throttling implements ExecutionInterceptor {
  private final int refusals;
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();

  /** Refuses the first {@code refusals} attempts of each API. */
  public Throttling(int refusals) {
    this.refusals = refusals;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String api = service + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    int attempt = attempts.computeIfAbsent(api, k -> new AtomicInteger()).incrementAndGet();
    if (attempt > refusals) {
      return;
    }
    refused.computeIfAbsent(api, k -> new AtomicInteger()).incrementAndGet();
    String code = attempt % 2 == 1 ? "ThrottlingException" : "TooManyRequestsException";
    throw AwsServiceException.builder()
        .statusCode(429)
        .message("Rate exceeded (injected " + code + " " + attempt + " of " + refusals + ")")
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .serviceName(service)
                .errorCode(code)
                .errorMessage("Rate exceeded")
                .sdkHttpResponse(SdkHttpResponse.builder().statusCode(429).build())
                .build())
        .build();
  }

  /** The attempts refused so far, per {@code Service:Operation}, sorted. */
  public Map<String, Integer> refused() {
    Map<String, Integer> copy = new TreeMap<>();
    refused.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  /** The APIs that were called at all, sorted. */
  public java.util.Set<String> apis() {
    return new java.util.TreeSet<>(attempts.keySet());
  }
}
