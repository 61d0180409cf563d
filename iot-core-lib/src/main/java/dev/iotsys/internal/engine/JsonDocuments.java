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
