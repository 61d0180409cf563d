package dev.iotsys.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy in front of moto that answers every other request (the 2nd, 4th, ... it receives,
 * counted over all connections, as a busy proxy or load balancer does) with an HTML page and HTTP
 * 500 instead of the service's answer. {@link Mode#REFUSE} never forwards such a request; {@link
 * Mode#LOSE_ANSWER} forwards it first, so the change is made and only its answer is lost. Requests
 * are served concurrently, as they arrive.
 */
public final class UnreliableProxy implements AutoCloseable {
  /** What happens to every other request. */
  public enum Mode {
    /** Answered 500 by the proxy; moto never sees it. */
    REFUSE,
    /** Forwarded to moto, which does it; the proxy then answers 500 in its place. */
    LOSE_ANSWER
  }

  /** The page a proxy answers with, as nginx words it. */
  static final String PAGE =
      "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n"
          + "<center><h1>500 Internal Server Error</h1></center>\r\n</body>\r\n</html>\r\n";

  /** Headers the JDK's client sets itself (and refuses to be given). */
  private static final Set<String> OWN =
      Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI target;
  private final Mode mode;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  private UnreliableProxy(URI target, Mode mode) throws IOException {
    this.target = target;
    this.mode = mode;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** A proxy to {@code target} that fails every other request as {@code mode} says. */
  public static UnreliableProxy start(URI target, Mode mode) throws IOException {
    return new UnreliableProxy(target, mode);
  }

  /** The proxy's own endpoint, for {@code --endpoint-url}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many requests it answered with its page. */
  public int failed() {
    return failed.get();
  }

  /** How many requests it received. */
  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      boolean fail = requests.incrementAndGet() % 2 == 0;
      if (fail && mode == Mode.REFUSE) {
        answerPage(exchange);
        return;
      }
      HttpResponse<byte[]> answer = forward(exchange, body);
      if (fail) {
        answerPage(exchange);
        return;
      }
      answer
          .headers()
          .map()
          .forEach(
              (name, values) -> {
                if (!OWN.contains(name.toLowerCase(Locale.ROOT))) {
                  exchange.getResponseHeaders().put(name, values);
                }
              });
      byte[] content = answer.body();
      exchange.sendResponseHeaders(answer.statusCode(), content.length == 0 ? -1 : content.length);
      if (content.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(content);
        }
      }
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(30))
            .method(
                exchange.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
      if (!OWN.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        h.getValue().forEach(v -> request.header(h.getKey(), v));
      }
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private void answerPage(HttpExchange exchange) throws IOException {
    failed.incrementAndGet();
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
