package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.sensor.IotRateLimiter.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotsys.stress.WireRecorder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class IotRateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Long> sleeps = new ArrayList<>();
  private final IotRateLimiter limiter = new IotRateLimiter(now::get, nanos -> {
    sleeps.add(nanos);
    now.addAndGet(nanos);
  });

  @Test
  void aBurstUpToTheRate_goesAtOnce_andTheNextCallWaitsAWindow() {
    for (int i = 0; i < 10; i++) {
      limiter.acquire("UpdateCertificate");
    }
    assertEquals(List.of(), sleeps);
    limiter.acquire("UpdateCertificate");
    assertEquals(List.of(WINDOW), sleeps);
  }

  @Test
  void anyWindow_holdsAtMostTheRate_andNoCallWaitsLongerThanThat() {
    Random random = new Random(42);
    List<Long> starts = new ArrayList<>();
    List<Boolean> waited = new ArrayList<>();
    for (int i = 0; i < 95; i++) {
      now.addAndGet(random.nextInt(60_000_000));    // up to 60 ms of work between calls
      int sleptBefore = sleeps.size();
      limiter.acquire("CreateCertificateFromCsr");
      starts.add(now.get());
      waited.add(sleeps.size() > sleptBefore);
    }
    assertThat(WireRecorder.peak(starts, WINDOW)).isEqualTo(10);
    for (int i = 10; i < starts.size(); i++) {
      long sinceTenBefore = starts.get(i) - starts.get(i - 10);
      if (waited.get(i)) {
        assertEquals(WINDOW, sinceTenBefore, "call " + i + " waited just until its slot");
      } else {
        assertThat(sinceTenBefore).as("call " + i).isGreaterThanOrEqualTo(WINDOW);
      }
    }
    assertThat(waited).contains(true);
  }

  @Test
  void operations_haveTheirOwnRates_andDoNotWaitForEachOther() {
    Map<String, Integer> rates = Map.of("AttachPolicy", 15, "CreateThing", 100,
        "CreateCertificateFromCsr", 10, "ListThingPrincipals", 10);
    rates.forEach((operation, rate) -> {
      for (int i = 0; i < rate; i++) {
        assertEquals(0, limiter.reserve(operation), operation + " call " + (i + 1));
      }
    });
    rates.keySet().forEach(operation -> assertEquals(WINDOW, limiter.reserve(operation)));
  }

  @Test
  void aPause_longerThanTheWindow_leavesNothingToWaitFor() {
    for (int i = 0; i < 10; i++) {
      limiter.reserve("DeleteCertificate");
    }
    now.addAndGet(WINDOW);
    assertEquals(0, limiter.reserve("DeleteCertificate"));
  }

  @Test
  void concurrentThreads_shareOneWindow_andTogetherStayAtTheRate() throws Exception {
    IotRateLimiter shared = new IotRateLimiter(() -> 0L, nanos -> { });
    List<Long> waits = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        for (int i = 0; i < 10; i++) {
          waits.add(shared.reserve("UpdateCertificate"));
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    // 40 calls at one instant: 10 go now, 10 a window later, and so on.
    Map<Long, Long> perSlot =
        waits.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertEquals(Map.of(0L, 10L, WINDOW, 10L, 2 * WINDOW, 10L, 3 * WINDOW, 10L), perSlot);
  }
}
