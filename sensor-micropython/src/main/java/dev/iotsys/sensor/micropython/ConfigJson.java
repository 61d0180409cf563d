package dev.iotsys.sensor.micropython;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code config.json} as the firmware reads it: one JSON object of scalars, read and written with
 * jackson-core alone (no ObjectMapper: it costs a tenth of a second to start). Messages name keys
 * and lines, never values: the file holds the Wi-Fi password.
 */
public final class ConfigJson {
  private static final JsonFactory JSON = new JsonFactory();

  private ConfigJson() {}

  /** The top-level keys in file order; a nested value is kept as its token, unread. */
  public static Map<String, Object> read(byte[] bytes) throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("config.json must hold a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken token = p.nextToken();
        switch (token) {
          case VALUE_STRING -> values.put(key, p.getText());
          case VALUE_NUMBER_INT -> values.put(key, p.getNumberValue());
          case VALUE_NUMBER_FLOAT -> values.put(key, p.getDoubleValue());
          case VALUE_TRUE, VALUE_FALSE -> values.put(key, p.getBooleanValue());
          case VALUE_NULL -> values.put(key, null);
          default -> {
            values.put(key, token);
            p.skipChildren();
          }
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IOException("config.json is not valid JSON");
      }
    } catch (JsonParseException e) {
      // The parser's message quotes the text around the error, which may be the password.
      throw new IOException(
          "config.json is not valid JSON (line " + e.getLocation().getLineNr() + ")");
    }
    return values;
  }

  /** The keys in the order given, pretty printed, with a final newline. */
  public static byte[] write(Map<String, Object> values) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      for (Map.Entry<String, Object> e : values.entrySet()) {
        g.writeFieldName(e.getKey());
        scalar(g, e.getValue());
      }
      g.writeEndObject();
    }
    return (out + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void scalar(JsonGenerator g, Object value) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer i) {
      g.writeNumber(i);
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else if (value instanceof Number n) {
      g.writeNumber(n.toString());
    } else {
      throw new IOException("config.json: a value that is not a scalar");
    }
  }
}
