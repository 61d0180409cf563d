package dev.iotsys.internal.ratelimit;

import static dev.iotsys.internal.ratelimit.IotRateLimiter.IN_FLIGHT_POLL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotsys.stress.WireRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IotRateLimiterTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  /** The README's promise: "the quota in any 1.1 s" (a second and a tenth as a margin). */
  private static final long WINDOW = 1_100 * MS;

  /** The lowest rate AWS publishes for an IoT API, for those without a figure of their own. */
  private static final int LOWEST_PUBLISHED_RATE = 10;

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Long> sleeps = new ArrayList<>();
  private final IotRateLimiter limiter =
      new IotRateLimiter(
          now::get,
          nanos -> {
            sleeps.add(nanos);
            now.addAndGet(nanos);
          });

  @Test
  void aBurstUpToTheRate_goesAtOnce_andTheNextCallWaitsAWindowFromTheFirstEnd() {
    IotRateLimiter.Window window = null;
    for (int i = 0; i < 10; i++) {
      window = limiter.acquire("UpdateCertificate");
    }
    assertEquals(List.of(), sleeps);
    // All ten in flight: nothing ended, so the next call cannot know when; it looks again soon.
    assertEquals(IN_FLIGHT_POLL, window.take(now::get));
    now.addAndGet(30 * MS);
    window.end(now::get);
    long ended = now.get();
    assertEquals(WINDOW, window.take(now::get));
    limiter.acquire("UpdateCertificate");
    assertEquals(ended + WINDOW, now.get());
  }

  /**
   * Ten callers at once, each call arriving at AWS anywhere between the moment it was let go and
   * its answer (up to 400 ms later, as a thread that a busy machine does not run for a while): no
   * second ever sees more than the rate arrive.
   */
  @Test
  void anySecond_seesAtMostTheRateArrive_howeverLateEachCallIsSent() {
    for (long seed = 1; seed <= 20; seed++) {
      Random random = new Random(seed);
      long[] clock = {0};
      IotRateLimiter.Window window = new IotRateLimiter.Window(10);
      long[] next = new long[10];
      long[] endAt = new long[10];
      List<Long> arrivals = new ArrayList<>();
      while (arrivals.size() < 300) {
        int t = 0;
        for (int i = 1; i < next.length; i++) {
          if (next[i] < next[t]) {
            t = i;
          }
        }
        clock[0] = next[t];
        if (endAt[t] != 0) {
          window.end(() -> clock[0]);
          endAt[t] = 0;
          next[t] = clock[0] + random.nextInt(30) * MS;
          continue;
        }
        long wait = window.take(() -> clock[0]);
        if (wait > 0) {
          next[t] = clock[0] + wait;
          continue;
        }
        long arrival = clock[0] + (random.nextInt(4) == 0 ? random.nextInt(400) : 5) * MS;
        arrivals.add(arrival);
        endAt[t] = arrival + (1 + random.nextInt(50)) * MS;
        next[t] = endAt[t];
      }
      arrivals.sort(Long::compare);
      assertThat(WireRecorder.peak(arrivals, TimeUnit.SECONDS.toNanos(1)))
          .as("seed " + seed)
          .isLessThanOrEqualTo(10);
      // Paced, not starved: 300 calls in about 300 / 10 windows, each held a little longer.
      assertThat(arrivals.get(arrivals.size() - 1))
          .as("seed " + seed)
          .isLessThan(40 * TimeUnit.SECONDS.toNanos(1));
    }
  }

  @Test
  void operations_haveTheirOwnRates_andDoNotWaitForEachOther() {
    Map<String, Integer> rates =
        Map.of(
            "AttachPolicy",
            15,
            "CreateThing",
            100,
            "CreateCertificateFromCsr",
            10,
            "ListThingPrincipals",
            10,
            "DescribeThing",
            350,
            "ListAttachedPolicies",
            LOWEST_PUBLISHED_RATE);
    rates.forEach(
        (operation, rate) -> {
          assertEquals(rate, IotRateLimiter.rate(operation), operation);
          IotRateLimiter.Window window = null;
          for (int i = 0; i < rate; i++) {
            window = limiter.acquire(operation);
          }
          assertEquals(IN_FLIGHT_POLL, window.take(now::get), operation);
        });
    assertEquals(List.of(), sleeps);
  }

  @Test
  void aPause_longerThanTheWindow_leavesNothingToWaitFor() {
    for (int i = 0; i < 10; i++) {
      limiter.acquire("DeleteCertificate").end(now::get);
    }
    now.addAndGet(WINDOW);
    assertEquals(0, limiter.acquire("DeleteCertificate").take(now::get));
    assertEquals(List.of(), sleeps);
  }
}
