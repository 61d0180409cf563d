package dev.iotsys.stress;

import dev.iotsys.testing.ForwardingProxy;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Measures what the service sees: a pass-through HTTP proxy in front of moto that notes when each
 * request arrives, joined (through the SDK's {@code amz-sdk-invocation-id} header) with the
 * operation the client named for it. Attempts refused on the client side never arrive, as with AWS.
 * iotsys is pointed at {@link #endpoint()}, and the recorder added as its interceptor.
 */
public final class WireRecorder implements ExecutionInterceptor, AutoCloseable {
  private static final String INVOCATION_ID = "amz-sdk-invocation-id";

  private record Arrival(long nanos, String invocationId) {}

  private final ForwardingProxy proxy;
  private final Map<String, String> operations = new ConcurrentHashMap<>();
  private final List<Arrival> arrivals = new ArrayList<>();

  WireRecorder(URI target) throws IOException {
    this.proxy =
        new ForwardingProxy(
            target,
            (headers, body) -> {
              long arrived = System.nanoTime();
              synchronized (arrivals) {
                arrivals.add(new Arrival(arrived, headers.getFirst(INVOCATION_ID)));
              }
            });
  }

  /** Where iotsys should send its requests. */
  URI endpoint() {
    return proxy.endpoint();
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    context
        .httpRequest()
        .firstMatchingHeader(INVOCATION_ID)
        .ifPresent(
            id ->
                operations.put(
                    id,
                    attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
                        + ":"
                        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)));
  }

  /** Requests that arrived, per {@code Service:Operation}. */
  Map<String, Integer> counts() {
    Map<String, Integer> counts = new TreeMap<>();
    byOperation().forEach((op, times) -> counts.put(op, times.size()));
    return counts;
  }

  /**
   * The most requests of each operation that arrived within any one second (a sliding window
   * starting at each arrival), as the service would count them against a per-second quota.
   */
  Map<String, Integer> peakPerSecond() {
    Map<String, Integer> peaks = new TreeMap<>();
    byOperation().forEach((op, times) -> peaks.put(op, peak(times, TimeUnit.SECONDS.toNanos(1))));
    return peaks;
  }

  /** The most of the ordered {@code times} (nanoseconds) within any span of {@code window}. */
  public static int peak(List<Long> times, long window) {
    int peak = 0;
    int end = 0;
    for (int start = 0; start < times.size(); start++) {
      while (end < times.size() && times.get(end) - times.get(start) < window) {
        end++;
      }
      peak = Math.max(peak, end - start);
    }
    return peak;
  }

  private Map<String, List<Long>> byOperation() {
    Map<String, List<Long>> byOperation = new TreeMap<>();
    synchronized (arrivals) {
      for (Arrival a : arrivals) {
        String op =
            a.invocationId() == null
                ? "unknown"
                : operations.getOrDefault(a.invocationId(), "unknown");
        byOperation.computeIfAbsent(op, k -> new ArrayList<>()).add(a.nanos());
      }
    }
    byOperation.values().forEach(times -> times.sort(Long::compare));
    return byOperation;
  }

  @Override
  public void close() {
    proxy.close();
  }
}
