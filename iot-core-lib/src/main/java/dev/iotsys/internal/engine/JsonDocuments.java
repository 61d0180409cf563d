package dev.iotsys.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Compares policy documents by meaning: whitespace, key order and URL-encoding do not count. */
public final class JsonDocuments {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Writes maps with their keys sorted, so a document reads the same on every run. */
  private static final com.fasterxml.jackson.databind.ObjectWriter WRITER =
      MAPPER
          .writer()
          .with(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private JsonDocuments() {}

  /** A document of maps, lists, strings, numbers and booleans, as JSON text, keys sorted. */
  public static String write(Object document) {
    try {
      return WRITER.writeValueAsString(document);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON document: " + document, e);
    }
  }

  /** Whether two policy documents are the same JSON value. */
  public static boolean same(String a, String b) {
    if (a == null || b == null) {
      return a == b;
    }
    return parse(a).equals(parse(b));
  }

  /** At most this many places a difference names; a document rewritten whole says so instead. */
  static final int MOST_PLACES = 3;

  /**
   * Where two documents differ, as {@code path: current → wanted} for each value that differs (e.g.
   * {@code Statement[0].Condition.StringEquals.aws:SourceAccount: "111" → "222"}), at most {@link
   * #MOST_PLACES} of them and then how many more; each value cut to 100 characters.
   *
   * @param actual the document as it is (IAM's URL-encoding is read)
   * @param desired the document as it should be
   * @return the places, in the order of the wanted document's keys; empty when the same
   */
  public static java.util.List<String> differences(String actual, String desired) {
    java.util.List<String> places = new java.util.ArrayList<>();
    diff(parse(actual), parse(desired), "", places);
    if (places.size() > MOST_PLACES) {
      int more = places.size() - MOST_PLACES;
      places = new java.util.ArrayList<>(places.subList(0, MOST_PLACES));
      places.add("and " + more + " more");
    }
    return places;
  }

  private static void diff(JsonNode have, JsonNode want, String path, java.util.List<String> out) {
    if (have != null && want != null && have.isObject() && want.isObject()) {
      java.util.Set<String> keys = new java.util.LinkedHashSet<>();
      want.fieldNames().forEachRemaining(keys::add);
      have.fieldNames().forEachRemaining(keys::add);
      for (String key : keys) {
        diff(have.get(key), want.get(key), path.isEmpty() ? key : path + "." + key, out);
      }
    } else if (have != null && want != null && have.isArray() && want.isArray()) {
      // Element by element; one only the wanted (or the current) list has is none on the other.
      for (int i = 0; i < Math.max(have.size(), want.size()); i++) {
        diff(have.get(i), want.get(i), path + "[" + i + "]", out);
      }
    } else if (!java.util.Objects.equals(have, want)) {
      out.add((path.isEmpty() ? "" : path + ": ") + shown(have) + " \u2192 " + shown(want));
    }
  }

  private static String shown(JsonNode value) {
    String text = value == null ? "none" : value.toString();
    return text.length() > 100 ? text.substring(0, 97) + "..." : text;
  }

  /** Parses a document; IAM returns them URL-encoded, so decode those first. */
  static JsonNode parse(String document) {
    String text = document.trim();
    if (!text.startsWith("{")) {
      text = URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      // An unreadable document can never equal the desired one: report it as drift.
      return MAPPER.getNodeFactory().textNode(text);
    }
  }
}
