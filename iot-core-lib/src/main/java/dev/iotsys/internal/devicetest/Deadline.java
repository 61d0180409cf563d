package dev.iotsys.internal.devicetest;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An overall limit on one phase of the device's connection (the TLS handshake, an MQTT exchange):
 * when it passes, the socket is closed, which ends any read in progress. A read timeout alone
 * cannot do this: a server that sends one byte a little faster than the timeout keeps a handshake
 * going forever.
 */
final class Deadline implements AutoCloseable {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "iotsys-deadline");
            t.setDaemon(true);
            return t;
          });

  private final Duration limit;
  private final AtomicBoolean expired = new AtomicBoolean();
  private final ScheduledFuture<?> task;

  private Deadline(Socket socket, Duration limit) {
    this.limit = limit;
    this.task =
        TIMER.schedule(
            () -> {
              expired.set(true);
              try {
                socket.close();
              } catch (IOException ignored) {
                // Closing is what ends the phase; a socket that cannot close is closed enough.
              }
            },
            limit.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Starts the clock: the socket is closed once {@code limit} has passed, unless closed first. */
  static Deadline arm(Socket socket, Duration limit) {
    return new Deadline(socket, limit);
  }

  /** Whether the limit passed and the socket was closed for it. */
  boolean expired() {
    return expired.get();
  }

  Duration limit() {
    return limit;
  }

  /** The phase ended in time: the socket stays open. */
  @Override
  public void close() {
    task.cancel(false);
  }
}
