package dev.iotsys.cli.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What every request must show before the dashboard answers it, as Jupyter asks: a Host header that
 * names this server (a page of another site whose name was made to resolve to 127.0.0.1, DNS
 * rebinding, sends its own name), and the start-up token, in the URL once and then in a cookie.
 * Only GET and HEAD exist: nothing here changes anything.
 */
final class RequestGuard {
  /** What to do with a request. */
  sealed interface Verdict permits Pass, Refuse, SetCookie {}

  /** Answer it. */
  record Pass() implements Verdict {}

  /** Refuse it with this status and one line. */
  record Refuse(int status, String message) implements Verdict {}

  /** The token came in the URL: keep it in a cookie and send the browser to the same page. */
  record SetCookie(String cookie, String location) implements Verdict {}

  private final byte[] token;
  private final String cookieName;
  private final Set<String> hosts;

  /**
   * @param token the start-up token
   * @param port the port the server listens on
   * @param names the names the server may be called by besides localhost and the loopback
   *     addresses: the address it is bound to, as given and as a literal
   */
  RequestGuard(String token, int port, List<String> names) {
    this.token = token.getBytes(StandardCharsets.US_ASCII);
    // A cookie belongs to a host, not a port: two dashboards on one machine keep theirs apart.
    this.cookieName = "iotsys-dashboard-" + port;
    java.util.TreeSet<String> allowed = new java.util.TreeSet<>();
    for (String name : concat(List.of("localhost", "127.0.0.1", "[::1]"), names)) {
      String host = name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
      allowed.add(host.toLowerCase(Locale.ROOT) + ":" + port);
    }
    this.hosts = allowed;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  Verdict check(HttpExchange exchange) {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || !hosts.contains(host.toLowerCase(Locale.ROOT))) {
      return new Refuse(
          403, "Forbidden: this dashboard answers only to " + String.join(", ", hosts));
    }
    String method = exchange.getRequestMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return new Refuse(405, "Method not allowed: the dashboard only shows, it changes nothing");
    }
    Optional<String> inUrl = parameter(exchange.getRequestURI().getRawQuery(), "token");
    if (inUrl.isPresent() && matches(inUrl.get())) {
      return new SetCookie(
          cookieName + "=" + inUrl.get() + "; Path=/; HttpOnly; SameSite=Strict",
          exchange.getRequestURI().getRawPath());
    }
    if (inUrl.isEmpty()
        && (cookie(exchange).filter(this::matches).isPresent() || header(exchange))) {
      return new Pass();
    }
    return new Refuse(
        401,
        "Unauthorized: open the dashboard with the URL 'iotsys dashboard' printed, token included");
  }

  private boolean header(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    return auth != null && auth.startsWith("token ") && matches(auth.substring(6).trim());
  }

  private Optional<String> cookie(HttpExchange exchange) {
    for (String line : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String pair : line.split(";")) {
        String[] kv = pair.trim().split("=", 2);
        if (kv.length == 2 && kv[0].equals(cookieName)) {
          return Optional.of(kv[1]);
        }
      }
    }
    return Optional.empty();
  }

  /** Compared in constant time: how long a refusal takes tells nothing about the token. */
  private boolean matches(String given) {
    return MessageDigest.isEqual(token, given.getBytes(StandardCharsets.US_ASCII));
  }

  /** A query parameter's first value, decoded. */
  static Optional<String> parameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      String[] kv = pair.split("=", 2);
      if (URLDecoder.decode(kv[0], StandardCharsets.UTF_8).equals(name)) {
        return Optional.of(kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return Optional.empty();
  }
}
