package dev.iotsys.stress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

  /** Headers the JDK client sets itself and refuses to take. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "host",
          "content-length",
          "connection",
          "expect",
          "upgrade",
          "transfer-encoding",
          "keep-alive");

  private record Arrival(long nanos, String invocationId) {}

  private final URI target;
  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newFixedThreadPool(
          16,
          r -> {
            Thread t = new Thread(r, "wire-recorder");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final Map<String, String> operations = new ConcurrentHashMap<>();
  private final List<Arrival> arrivals = new ArrayList<>();

  WireRecorder(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::forward);
    server.setExecutor(threads);
    server.start();
  }

  /** Where iotsys should send its requests. */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
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

  private void forward(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try {
      String id = exchange.getRequestHeaders().getFirst(INVOCATION_ID);
      synchronized (arrivals) {
        arrivals.add(new Arrival(arrived, id));
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      URI uri = exchange.getRequestURI();
      String pathAndQuery =
          uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target.resolve(pathAndQuery))
              .timeout(Duration.ofSeconds(30))
              .method(
                  exchange.getRequestMethod(),
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange
          .getRequestHeaders()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                  values.forEach(v -> request.header(name, v));
                }
              });
      HttpResponse<byte[]> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      response
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] answer = response.body();
      int status = response.statusCode();
      boolean noBody =
          answer.length == 0
              || status == 204
              || status == 304
              || "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, noBody ? -1 : answer.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer);
        }
      }
    } finally {
      exchange.close();
    }
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
    server.stop(0);
    threads.shutdownNow();
  }
}
