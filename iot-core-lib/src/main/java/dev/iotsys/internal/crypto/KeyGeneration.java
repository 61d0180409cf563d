package dev.iotsys.internal.crypto;

import dev.iotsys.spi.KeyAlgorithm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Device keys made ahead of need, of the algorithm the sensor type asks for. An RSA 2048 key costs
 * a few hundred milliseconds of CPU, most of a one-sensor {@code sensor add} (an EC P-256 key a few
 * milliseconds); started when the command starts, its generation overlaps the SDK's start-up and
 * the first reads instead of following them, and for many names it runs on every core while the
 * sensor threads wait on AWS.
 *
 * <p>Keys stay in memory until {@link #get()} hands one out: the caller writes it (0600) before any
 * call that could certify it, exactly as with a key made on the spot. Keys never handed out (a name
 * that already had a key, a command that stopped early) are dropped unwritten. Any key fits any
 * name, so they are handed out in the order they were started, whoever asks.
 */
public final class KeyGeneration implements Supplier<DeviceKey>, AutoCloseable {
  private final KeyAlgorithm algorithm;
  private final ExecutorService pool;
  private final List<Future<DeviceKey>> keys = new ArrayList<>();
  private final AtomicInteger next = new AtomicInteger();

  private KeyGeneration(KeyAlgorithm algorithm, ExecutorService pool) {
    this.algorithm = algorithm;
    this.pool = pool;
  }

  /** Starts making {@code count} keys of the algorithm on up to one thread per processor. */
  public static KeyGeneration start(int count, KeyAlgorithm algorithm) {
    int threads = Math.max(1, Math.min(count, Runtime.getRuntime().availableProcessors()));
    KeyGeneration generation =
        new KeyGeneration(
            algorithm,
            Executors.newFixedThreadPool(
                threads,
                r -> {
                  Thread t = new Thread(r, "iotsys-key");
                  t.setDaemon(true);
                  return t;
                }));
    for (int i = 0; i < count; i++) {
      generation.keys.add(generation.pool.submit(() -> DeviceKey.generate(algorithm)));
    }
    return generation;
  }

  /** The next key made ahead, waiting for it if need be; made here once those run out. */
  @Override
  public DeviceKey get() {
    int i = next.getAndIncrement();
    if (i >= keys.size()) {
      return DeviceKey.generate(algorithm);
    }
    try {
      return keys.get(i).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while making a key", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("Cannot make a key", e.getCause());
    } catch (CancellationException e) {
      throw new IllegalStateException("Key generation was stopped", e);
    }
  }

  /** Stops making the keys nobody took. */
  @Override
  public void close() {
    for (Future<DeviceKey> key : keys) {
      key.cancel(false);
    }
    pool.shutdownNow();
  }
}
