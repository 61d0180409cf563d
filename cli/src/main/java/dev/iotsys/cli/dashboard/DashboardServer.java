package dev.iotsys.cli.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.FleetRows;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingSeries;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code iotsys dashboard}'s web server: the JDK's own HTTP server, a page and its scripts from the
 * jar, and read-only JSON and CSV endpoints over the library API: the fleet's rows, then the same
 * read's last day (the sparklines), and a sensor's series and CSV. Every request passes the {@link
 * RequestGuard} first; every answer forbids framing, sniffing and loading anything from elsewhere.
 */
public final class DashboardServer implements AutoCloseable {
  /** The most points a chart gets per measure: 500 slices of the window, each its min and max. */
  public static final int CHART_POINTS = 1000;

  /** The most values a CSV download holds. */
  static final int CSV_VALUES = ReadingSeries.MAX_VALUES;

  private static final String RESOURCES = "/dev/iotsys/cli/dashboard/";

  /** The files the page is made of, by the name it asks for them, with their content types. */
  private static final Map<String, String> FILES =
      Map.of(
          "dashboard.js", "text/javascript; charset=utf-8",
          "dashboard.css", "text/css; charset=utf-8",
          "uPlot.iife.min.js", "text/javascript; charset=utf-8",
          "uPlot.min.css", "text/css; charset=utf-8");

  private static final Pattern SENSOR =
      Pattern.compile("/api/sensors/([A-Za-z0-9_:-]{1,128})/(series|readings\\.csv)");

  /** Nothing but this server: no other origin, no inline script, no frame around the page. */
  private static final String POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  /** How many fleet reads wait for their page to ask for their last day. */
  private static final int WAITING_READS = 8;

  private static final Pattern LAST_DAY = Pattern.compile("read=([0-9]{1,18})");

  private final HttpServer server;
  private final ExecutorService threads;

  /** Fleet reads whose last day their page has not asked for yet, oldest first. */
  private final Map<Long, FleetRows> waiting = new LinkedHashMap<>();

  private final AtomicLong reads = new AtomicLong();
  private final Iotsys iotsys;
  private final RequestGuard guard;
  private final String token;

  private DashboardServer(
      HttpServer server, ExecutorService threads, Iotsys iotsys, RequestGuard guard, String token) {
    this.server = server;
    this.threads = threads;
    this.iotsys = iotsys;
    this.guard = guard;
    this.token = token;
  }

  /**
   * Starts serving.
   *
   * @param iotsys where the data comes from; stays the caller's to close
   * @param address the address to listen on
   * @param port the port; 0 for any free one
   * @param names the names the server may be called by besides localhost and loopback
   * @throws IOException when the port cannot be had
   */
  public static DashboardServer start(
      Iotsys iotsys, InetAddress address, int port, List<String> names) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 16);
    ExecutorService threads =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "iotsys-dashboard");
              t.setDaemon(true);
              return t;
            });
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    int bound = server.getAddress().getPort();
    List<String> all = new java.util.ArrayList<>(names);
    all.add(address.getHostAddress());
    if (address.isAnyLocalAddress()) {
      all.addAll(LocalAddresses.names());
    }
    DashboardServer dashboard =
        new DashboardServer(server, threads, iotsys, new RequestGuard(token, bound, all), token);
    server.createContext("/", dashboard::handle);
    server.setExecutor(threads);
    server.start();
    return dashboard;
  }

  /** The address and port it listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The URL to open, token included, on the given host name. */
  public URI url(String host) {
    return URI.create("http://" + host + ":" + address().getPort() + "/?token=" + token);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      RequestGuard.Verdict verdict = guard.check(exchange);
      if (verdict instanceof RequestGuard.Refuse refuse) {
        if (refuse.status() == 405) {
          exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        }
        send(exchange, refuse.status(), "text/plain; charset=utf-8", refuse.message() + "\n");
        return;
      }
      if (verdict instanceof RequestGuard.SetCookie set) {
        exchange.getResponseHeaders().set("Set-Cookie", set.cookie());
        exchange.getResponseHeaders().set("Location", set.location());
        send(exchange, 303, "text/plain; charset=utf-8", "");
        return;
      }
      route(exchange);
    } catch (IOException | UncheckedIOException e) {
      // The browser went away mid-answer: nothing to tell it.
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (path.equals("/")) {
      send(exchange, 200, "text/html; charset=utf-8", resource("index.html"));
      return;
    }
    if (path.startsWith("/static/") && FILES.containsKey(path.substring(8))) {
      String name = path.substring(8);
      send(exchange, 200, FILES.get(name), resource(name));
      return;
    }
    try {
      if (path.equals("/api/fleet")) {
        // The rows first; the page then asks for the same read's last day (the sparklines).
        FleetRows rows = iotsys.fleetRows(IotsysListener.NONE);
        long read = reads.incrementAndGet();
        synchronized (waiting) {
          waiting.put(read, rows);
          while (waiting.size() > WAITING_READS) {
            waiting.remove(waiting.keySet().iterator().next());
          }
        }
        String body =
            DashboardJson.fleet(
                rows.rows(), iotsys.sensorTypes(), Optional.of("/api/fleet/last-day?read=" + read));
        send(exchange, 200, "application/json", body);
        return;
      }
      if (path.equals("/api/fleet/last-day")) {
        String query = exchange.getRequestURI().getRawQuery();
        Matcher read = LAST_DAY.matcher(query == null ? "" : query);
        FleetRows rows;
        synchronized (waiting) {
          rows = read.matches() ? waiting.remove(Long.parseLong(read.group(1))) : null;
        }
        if (rows == null) {
          send(
              exchange,
              404,
              "application/json",
              DashboardJson.error(
                  ErrorKind.INVALID_INPUT,
                  "This fleet read is gone (the dashboard keeps its last "
                      + WAITING_READS
                      + "): reload the page"));
          return;
        }
        String body = DashboardJson.fleet(rows.lastDay(), iotsys.sensorTypes(), Optional.empty());
        send(exchange, 200, "application/json", body);
        return;
      }
      Matcher m = SENSOR.matcher(path);
      if (m.matches()) {
        String sensor = m.group(1);
        Instant now = Instant.now();
        ChartWindow window = ChartWindow.of(exchange.getRequestURI().getRawQuery(), now);
        if (m.group(2).equals("series")) {
          ReadingSeries series =
              iotsys.readingSeries(
                  sensor, Optional.empty(), window.from(), window.to(), CHART_POINTS);
          send(
              exchange, 200, "application/json", DashboardJson.series(series, window.label(), now));
        } else {
          csv(exchange, sensor, window);
        }
        return;
      }
      send(
          exchange,
          404,
          "application/json",
          DashboardJson.error(ErrorKind.INVALID_INPUT, "Not found: " + path));
    } catch (IotsysException e) {
      send(
          exchange,
          status(e.kind()),
          "application/json",
          DashboardJson.error(e.kind(), e.getMessage()));
    } catch (RuntimeException e) {
      send(
          exchange,
          500,
          "application/json",
          DashboardJson.error(ErrorKind.INTERNAL, "internal error: " + e));
    }
  }

  /** The window's readings as {@code iotsys data --output csv} writes them. */
  private void csv(HttpExchange exchange, String sensor, ChartWindow window) throws IOException {
    List<Reading> rows =
        iotsys.readings(sensor, Optional.empty(), window.from(), window.to(), CSV_VALUES);
    StringBuilder out = new StringBuilder("time,measure,value\n");
    for (Reading r : rows) {
      out.append(r.time())
          .append(',')
          .append(r.measure())
          .append(',')
          .append(r.value() == null ? "" : r.value().toPlainString())
          .append('\n');
    }
    String file = sensor + "-" + window.label().replace(':', '-') + ".csv";
    exchange
        .getResponseHeaders()
        .set("Content-Disposition", "attachment; filename=\"" + file + "\"");
    send(exchange, 200, "text/csv; charset=utf-8", out.toString());
  }

  /** AWS's and iotsys's failures as HTTP: the page shows the message either way. */
  private static int status(ErrorKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> 400;
      case PRECONDITION -> 404;
      case INTERNAL -> 500;
      default -> 502;
    };
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = DashboardServer.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IOException("the jar lacks the dashboard's " + name);
      }
      return in.readAllBytes();
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("Content-Type", type);
    headers.set("Content-Security-Policy", POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
    if (!head && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
