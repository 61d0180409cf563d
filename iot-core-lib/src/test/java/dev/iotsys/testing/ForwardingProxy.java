package dev.iotsys.testing;

import com.sun.net.httpserver.Headers;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A pass-through HTTP proxy in front of moto: the client under test is pointed at {@link
 * #endpoint()}, and every request is shown to the {@link Inspector} before it is forwarded as is.
 * It sees what the server sees, independently of the client's own bookkeeping. It can also play a
 * busy proxy or load balancer ({@link Fault}): the n-th request it receives (counted over all
 * connections, from 1) answered with an HTML page and HTTP 500 in the server's place.
 */
public final class ForwardingProxy implements AutoCloseable {
  /** What the proxy does to a request besides forwarding it. */
  public enum Fault {
    /** Forwarded, and the server's answer passed on. */
    NONE,
    /** Answered with the proxy's HTML 500; the server never sees it. */
    REFUSE,
    /** Forwarded, so the server does it; the proxy then answers its HTML 500 instead. */
    LOSE_ANSWER
  }

  /** The page a proxy answers with, as nginx words it. */
  static final String PAGE =
      "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n"
          + "<center><h1>500 Internal Server Error</h1></center>\r\n</body>\r\n</html>\r\n";

  /** Sees each request as it arrives, before it is forwarded. */
  @FunctionalInterface
  public interface Inspector {
    /**
     * Called on the proxy's thread for each request; an exception answers HTTP 500 instead.
     *
     * @param headers the request's headers
     * @param body the request's body (empty when it has none)
     */
    void arrived(Headers headers, byte[] body) throws IOException;
  }

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

  private final URI target;
  private final Inspector inspector;
  private final IntFunction<Fault> faults;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger paged = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService threads =
      Executors.newFixedThreadPool(
          16,
          r -> {
            Thread t = new Thread(r, "forwarding-proxy");
            t.setDaemon(true);
            return t;
          });
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /**
   * Starts a proxy on a free local port.
   *
   * @param target where requests go on to, e.g. moto's endpoint
   * @param inspector sees each request first
   */
  public ForwardingProxy(URI target, Inspector inspector) throws IOException {
    this(target, inspector, n -> Fault.NONE);
  }

  /**
   * Starts a proxy on a free local port that fails requests as {@code faults} says.
   *
   * @param target where requests go on to, e.g. moto's endpoint
   * @param inspector sees each request first
   * @param faults what happens to the n-th request received (from 1)
   */
  public ForwardingProxy(URI target, Inspector inspector, IntFunction<Fault> faults)
      throws IOException {
    this.target = target;
    this.inspector = inspector;
    this.faults = faults;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.createContext("/", this::forward);
    server.setExecutor(threads);
    server.start();
  }

  /** Where the client under test should send its requests. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many requests it answered with its own HTML 500. */
  public int paged() {
    return paged.get();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      try {
        inspector.arrived(exchange.getRequestHeaders(), body);
      } catch (IOException | RuntimeException e) {
        exchange.sendResponseHeaders(500, -1);
        return;
      }
      Fault fault = faults.apply(requests.incrementAndGet());
      if (fault == Fault.REFUSE) {
        answerPage(exchange);
        return;
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
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
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
                if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      if (fault == Fault.LOSE_ANSWER) {
        answerPage(exchange);
        return;
      }
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

  private void answerPage(HttpExchange exchange) throws IOException {
    paged.incrementAndGet();
    byte[] page = PAGE.getBytes(StandardCharsets.US_ASCII);
    exchange.getResponseHeaders().set("Content-Type", "text/html");
    exchange.sendResponseHeaders(500, page.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(page);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
