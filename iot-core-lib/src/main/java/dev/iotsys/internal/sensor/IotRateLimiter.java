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
 * once: of the calls of one operation, at most its rate start within any {@link #WINDOW}, a
 * second plus a margin for the time calls take to reach AWS. A burst up to the rate goes at
 * once; the next call waits until the oldest of the last {@code rate} calls is a window old.
 * Every attempt counts, retries included. The SDK's retry strategy still backs off on any
 * throttling that happens anyway (another tool in the same account, a lowered quota).
 */
public final class IotRateLimiter implements ExecutionInterceptor {
  /**
   * Calls per second, from the AWS IoT Core quotas (aws-facts.md). CreateCertificateFromCsr has
   * no figure there: it gets the certificate APIs' 10/s.
   */
  static final Map<String, Integer> RATES = Map.ofEntries(
      Map.entry("CreateThing", 100),
      Map.entry("DeleteThing", 100),
      Map.entry("AttachThingPrincipal", 100),
      Map.entry("DetachThingPrincipal", 100),
      Map.entry("CreateKeysAndCertificate", 10),
      Map.entry("CreateCertificateFromCsr", 10),
      Map.entry("UpdateCertificate", 10),
      Map.entry("DeleteCertificate", 10),
      Map.entry("CreatePolicy", 10),
      Map.entry("CreatePolicyVersion", 10),
      Map.entry("DeletePolicyVersion", 10),
      Map.entry("AttachPolicy", 15),
      Map.entry("DetachPolicy", 15),
      Map.entry("CreateThingType", 15),
      Map.entry("DeprecateThingType", 15),
      Map.entry("DeleteThingType", 15));
  /** Operations without a known quota (reads, mostly) get the lowest IoT rate above. */
  static final int DEFAULT_RATE = 10;
  /**
   * The window a rate counts over: one second, plus a tenth for calls that leave together but
   * arrive apart (the measured peak at a proxy reached rate + 1 with windows of exactly 1 s).
   */
  static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(1100);

  private final Map<String, Window> byOperation = new ConcurrentHashMap<>();
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
    int rate = RATES.getOrDefault(operation, DEFAULT_RATE);
    return byOperation.computeIfAbsent(operation, k -> new Window(rate)).reserve(nanoTime);
  }

  /** The start times of an operation's last {@code rate} calls, oldest next to be replaced. */
  private static final class Window {
    private final long[] starts;
    private int oldest;
    private int taken;

    Window(int rate) {
      this.starts = new long[rate];
    }

    synchronized long reserve(LongSupplier clock) {
      // Read the clock inside the lock, so that slots never go back in time between threads.
      long now = clock.getAsLong();
      long slot = taken < starts.length ? now : Math.max(now, starts[oldest] + WINDOW);
      starts[oldest] = slot;
      oldest = (oldest + 1) % starts.length;
      taken = Math.min(taken + 1, starts.length);
      return slot - now;
    }
  }
}
