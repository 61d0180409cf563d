package dev.iotsys.internal.sensor;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Keeps each AWS IoT API under its default per-account rate when many sensors are handled at
 * once: every attempt of an operation waits for its next free slot, slots {@code 1/rate} apart.
 * The SDK's retry strategy still backs off on any throttling that happens anyway (another tool in
 * the same account, a lowered quota).
 */
public final class IotRateLimiter implements ExecutionInterceptor {
  /**
   * Calls per second, from the AWS IoT Core quotas (aws-facts.md). CreateCertificateFromCsr has
   * no figure there: it gets the certificate APIs' 10/s.
   */
  static final Map<String, Double> RATES = Map.ofEntries(
      Map.entry("CreateThing", 100.0),
      Map.entry("DeleteThing", 100.0),
      Map.entry("AttachThingPrincipal", 100.0),
      Map.entry("DetachThingPrincipal", 100.0),
      Map.entry("CreateKeysAndCertificate", 10.0),
      Map.entry("CreateCertificateFromCsr", 10.0),
      Map.entry("UpdateCertificate", 10.0),
      Map.entry("DeleteCertificate", 10.0),
      Map.entry("CreatePolicy", 10.0),
      Map.entry("CreatePolicyVersion", 10.0),
      Map.entry("DeletePolicyVersion", 10.0),
      Map.entry("AttachPolicy", 15.0),
      Map.entry("DetachPolicy", 15.0),
      Map.entry("CreateThingType", 15.0),
      Map.entry("DeprecateThingType", 15.0),
      Map.entry("DeleteThingType", 15.0));
  /** Operations without a known quota (reads, mostly) get the lowest IoT rate above. */
  static final double DEFAULT_RATE = 10.0;

  private final Map<String, Slots> byOperation = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  /** Sleeps for a number of nanoseconds; replaced in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  public IotRateLimiter() {
    this(System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  IotRateLimiter(LongSupplier nanoTime, Sleeper sleeper) {
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    if (service == null || !service.toLowerCase(Locale.ROOT).equals("iot")) {
      return;
    }
    acquire(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }

  /** Waits until the operation may be called again. */
  void acquire(String operation) {
    long wait = reserve(operation);
    if (wait > 0) {
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Takes the operation's next slot and returns how long to wait for it, in nanoseconds. */
  long reserve(String operation) {
    double rate = RATES.getOrDefault(operation, DEFAULT_RATE);
    return byOperation.computeIfAbsent(operation, k -> new Slots((long) (1e9 / rate)))
        .reserve(nanoTime.getAsLong());
  }

  private static final class Slots {
    private final long interval;
    private long next = Long.MIN_VALUE;

    Slots(long interval) {
      this.interval = interval;
    }

    synchronized long reserve(long now) {
      long slot = next == Long.MIN_VALUE ? now : Math.max(now, next);
      next = slot + interval;
      return slot - now;
    }
  }
}
