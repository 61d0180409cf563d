package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Work on many items a few at a time, for the commands' per-sensor reads. */
public final class Parallel {
  private Parallel() {}

  /**
   * Applies {@code work} to each item on up to {@code threads} daemon threads.
   *
   * @param threadName the threads' name, as a thread dump shows it
   * @param threads at most this many at once
   * @param items the items
   * @param work what to do with one item
   * @return the results, in the items' order
   * @throws RuntimeException what {@code work} threw, as it was (the first item's first)
   */
  public static <T, R> List<R> map(
      String threadName, int threads, List<T> items, Function<? super T, ? extends R> work) {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(threads, items.size())),
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<? extends R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> work.apply(item)));
      }
      List<R> results = new ArrayList<>(items.size());
      for (Future<? extends R> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IotsysException(ErrorKind.INTERNAL, "Interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IotsysException(ErrorKind.INTERNAL, "internal error: " + e.getCause(), e);
    } finally {
      pool.shutdownNow();
    }
  }
}
