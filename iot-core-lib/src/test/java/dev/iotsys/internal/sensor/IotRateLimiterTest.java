package dev.iotsys.internal.sensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IotRateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Long> sleeps = new ArrayList<>();
  private final IotRateLimiter limiter = new IotRateLimiter(now::get, nanos -> {
    sleeps.add(nanos);
    now.addAndGet(nanos);
  });

  @Test
  void calls_ofACertificateApi_areSpacedTenPerSecond() {
    for (int i = 0; i < 25; i++) {
      limiter.acquire("UpdateCertificate");
    }
    // The first call goes at once; the 24 others each wait 100 ms for their slot.
    assertEquals(24, sleeps.size());
    assertEquals(24 * 100_000_000L, now.get() - 1_000_000_000L);
  }

  @Test
  void operations_haveTheirOwnRates_andDoNotWaitForEachOther() {
    assertEquals(0, limiter.reserve("AttachPolicy"));
    assertEquals(0, limiter.reserve("CreateThing"));
    assertEquals(0, limiter.reserve("CreateCertificateFromCsr"));
    assertEquals(1_000_000_000L / 15, limiter.reserve("AttachPolicy"));
    assertEquals(10_000_000L, limiter.reserve("CreateThing"));
    assertEquals(100_000_000L, limiter.reserve("CreateCertificateFromCsr"));
  }

  @Test
  void aPause_longerThanTheInterval_leavesNothingToWaitFor() {
    limiter.reserve("DeleteCertificate");
    now.addAndGet(5_000_000_000L);
    assertEquals(0, limiter.reserve("DeleteCertificate"));
  }

  @Test
  void concurrentThreads_shareOneScheduleAndNeverTakeTheSameSlot() throws Exception {
    IotRateLimiter shared = new IotRateLimiter(() -> 0L, nanos -> { });
    List<Long> waits = java.util.Collections.synchronizedList(new ArrayList<>());
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
    assertEquals(40, waits.stream().distinct().count());
    assertEquals(39 * 100_000_000L, waits.stream().mapToLong(Long::longValue).max().orElseThrow());
  }
}
