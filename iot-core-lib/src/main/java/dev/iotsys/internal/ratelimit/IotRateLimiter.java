package dev.iotsys.internal.ratelimit;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Keeps each AWS IoT API under its own default per-account rate when many sensors are handled at
 * once: a call of an operation is sent only while fewer than its rate of that operation's calls are
 * in flight or ended within the last {@link #WINDOW}, a second plus a margin.
 *
 * <p>Counting from a call's end, not from its start, is what makes the bound hold where AWS counts,
 * at arrival: a call arrives somewhere between the moment it is let go and the moment its answer is
 * back, however long a busy machine keeps its thread from running in between. So any {@code rate +
 * 1} calls that arrive within one second would need one to be let go while {@code rate} others were
 * in flight or had ended less than a second before, which this never does. Spacing only the starts
 * (as before) let 11 and 12 CreateCertificateFromCsr calls arrive within one second on a loaded
 * machine. Every attempt counts, retries included. The SDK's retry strategy still backs off on any
 * throttling that happens anyway (another tool in the same account, a lowered quota).
 */
public final class IotRateLimiter implements ExecutionInterceptor {
  /**
   * Calls per second: AWS IoT Core's default API quotas, from "AWS IoT Core endpoints and quotas"
   * (AWS General Reference, https://docs.aws.amazon.com/general/latest/gr/iot-core.html, section
   * "AWS IoT Core API throttling limits", as Service Quotas lists them: "DescribeThing API TPS"
   * 350, "ListThings API TPS" 10, and so on). The reads iotsys makes most differ by 35 times, which
   * is why each is paced at its own figure.
   */
  public static final Map<String, Integer> RATES =
      Map.ofEntries(
          // The thing registry.
          Map.entry("CreateThing", 100),
          Map.entry("UpdateThing", 100),
          Map.entry("DeleteThing", 100),
          Map.entry("DescribeThing", 350),
          Map.entry("ListThings", 10),
          Map.entry("AttachThingPrincipal", 100),
          Map.entry("DetachThingPrincipal", 100),
          Map.entry("ListThingPrincipals", 10),
          Map.entry("ListPrincipalThings", 10),
          Map.entry("CreateThingType", 15),
          Map.entry("DeprecateThingType", 15),
          Map.entry("DeleteThingType", 15),
          Map.entry("DescribeThingType", 100),
          Map.entry("ListThingTypes", 10),
          // Certificates.
          Map.entry("CreateKeysAndCertificate", 10),
          Map.entry("CreateCertificateFromCsr", 10),
          Map.entry("UpdateCertificate", 10),
          Map.entry("DeleteCertificate", 10),
          Map.entry("DescribeCertificate", 10),
          Map.entry("ListCertificates", 10),
          // Policies.
          Map.entry("CreatePolicy", 10),
          Map.entry("CreatePolicyVersion", 10),
          Map.entry("DeletePolicyVersion", 10),
          Map.entry("GetPolicy", 10),
          Map.entry("AttachPolicy", 15),
          Map.entry("DetachPolicy", 15));

  /**
   * Operations the page gives no figure for that iotsys found (CreateCertificateFromCsr is held to
   * the certificate APIs' 10 above; ListAttachedPolicies, ListTargetsForPolicy, ListPolicyVersions,
   * DescribeEndpoint, the topic rules) get the lowest published IoT rate.
   */
  public static final int DEFAULT_RATE = 10;

  /** The window a rate counts over: one second, plus a tenth as a margin. */
  public static final long WINDOW = TimeUnit.MILLISECONDS.toNanos(1100);

  /** How often a call waiting for a slot that is still in flight looks again. */
  public static final long IN_FLIGHT_POLL = TimeUnit.MILLISECONDS.toNanos(5);

  private static final ExecutionAttribute<Window> HELD =
      new ExecutionAttribute<>("iotsys.rate.held");

  private final Map<String, Window> byOperation = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  /** Sleeps for a number of nanoseconds; replaced in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  public IotRateLimiter() {
    this(System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  public IotRateLimiter(LongSupplier nanoTime, Sleeper sleeper) {
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
  }

  public static int rate(String operation) {
    return RATES.getOrDefault(operation, DEFAULT_RATE);
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    if (service == null || !service.toLowerCase(Locale.ROOT).equals("iot")) {
      return;
    }
    // An earlier attempt that failed in transit never reached afterTransmission: it ended now.
    release(attributes);
    Window window = acquire(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    attributes.putAttribute(HELD, window);
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    release(attributes);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    release(attributes);
  }

  private void release(ExecutionAttributes attributes) {
    Window held = attributes.getAttribute(HELD);
    if (held != null) {
      attributes.putAttribute(HELD, null);
      held.end(nanoTime);
    }
  }

  /** Waits until the operation may be called, and counts the call as in flight. */
  public Window acquire(String operation) {
    Window window = byOperation.computeIfAbsent(operation, k -> new Window(rate(operation)));
    long wait;
    while ((wait = window.take(nanoTime)) > 0) {
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        window.force(nanoTime);
        break;
      }
    }
    return window;
  }

  /**
   * One operation's calls: how many are in flight, and when the last ones ended (at most {@code
   * rate}, oldest first).
   */
  public static final class Window {
    private final int rate;
    private final ArrayDeque<Long> ends = new ArrayDeque<>();
    private int inFlight;

    public Window(int rate) {
      this.rate = rate;
    }

    /** Takes a slot and returns 0, or returns how long to wait before trying again. */
    public synchronized long take(LongSupplier clock) {
      // Read the clock inside the lock, so that ends never go back in time between threads.
      long now = clock.getAsLong();
      while (!ends.isEmpty() && ends.peekFirst() + WINDOW <= now) {
        ends.removeFirst();
      }
      if (inFlight + ends.size() < rate) {
        inFlight++;
        return 0;
      }
      return ends.isEmpty() ? IN_FLIGHT_POLL : ends.peekFirst() + WINDOW - now;
    }

    /** An interrupted wait lets its call go: the SDK then fails it, as interrupted. */
    public synchronized void force(LongSupplier clock) {
      inFlight++;
    }

    public synchronized void end(LongSupplier clock) {
      inFlight = Math.max(0, inFlight - 1);
      ends.addLast(clock.getAsLong());
      if (ends.size() > rate) {
        ends.removeFirst();
      }
    }
  }
}
