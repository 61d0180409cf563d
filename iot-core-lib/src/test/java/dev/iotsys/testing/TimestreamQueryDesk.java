package dev.iotsys.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Answers Timestream queries with canned pages without keying them by the SQL iotsys builds, and
 * keeps every query asked, parsed ({@link TimestreamSql}), for the test to check what it means.
 *
 * <p>moto answers a query only with pages preloaded for its exact text ({@link MotoQueryResults}).
 * Keying them by the text the code under test builds would check nothing about that text, so the
 * desk sits in front of moto as a {@link ForwardingProxy}: when the first page of a query arrives
 * (no NextToken), it preloads the next queued answer under that query's text, then lets the request
 * through; the SDK's paginator takes the answer's further pages with the same text. With nothing
 * queued, moto answers no columns and no rows. Point every client at {@link #endpoint()}.
 */
public final class TimestreamQueryDesk implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String QUERY_TARGET = "Timestream_20181101.Query";

  private final MotoServer.Instance moto;
  private final ForwardingProxy proxy;
  private final Deque<ObjectNode[]> answers = new ArrayDeque<>();
  private final List<TimestreamSql> asked = new ArrayList<>();
  private final List<String> unreadable = new ArrayList<>();

  /** Opens a desk in front of moto. */
  public TimestreamQueryDesk(MotoServer.Instance moto) throws IOException {
    this.moto = moto;
    this.proxy = new ForwardingProxy(moto.endpoint(), (headers, body) -> arrived(headers, body));
  }

  /** Where iotsys should send its requests (every service: the rest passes through as is). */
  public URI endpoint() {
    return proxy.endpoint();
  }

  /** Queues one answer, as its pages in order, for the next query that arrives. */
  public synchronized TimestreamQueryDesk answerNext(ObjectNode... pages) {
    answers.add(pages);
    return this;
  }

  /**
   * The queries asked so far, parsed, in the order they arrived (one per query, not per page).
   *
   * @throws AssertionError when a query that arrived could not be parsed as one iotsys may send
   */
  public synchronized List<TimestreamSql> asked() {
    if (!unreadable.isEmpty()) {
      throw new AssertionError(String.join("\n", unreadable));
    }
    return List.copyOf(asked);
  }

  /** The one query asked so far. */
  public TimestreamSql onlyQuery() {
    List<TimestreamSql> all = asked();
    if (all.size() != 1) {
      throw new AssertionError("expected one Timestream query, got " + all);
    }
    return all.get(0);
  }

  private void arrived(com.sun.net.httpserver.Headers headers, byte[] body) throws IOException {
    if (!QUERY_TARGET.equals(headers.getFirst("X-amz-target"))) {
      return;
    }
    JsonNode request = JSON.readTree(body);
    if (request.hasNonNull("NextToken")) {
      return;
    }
    String sql = request.path("QueryString").asText();
    ObjectNode[] pages;
    synchronized (this) {
      try {
        asked.add(TimestreamSql.parse(sql));
      } catch (AssertionError e) {
        unreadable.add(e.getMessage());
      }
      pages = answers.poll();
    }
    if (pages != null) {
      MotoQueryResults.preload(moto, sql, pages);
    }
  }

  @Override
  public void close() {
    proxy.close();
  }
}
