package dev.iotsys.sensor.micropython;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code config.json} as the firmware reads it: one JSON object of scalars and nested objects (the
 * alert thresholds, {@code {"temperature": {"above": 30.0}}}) and arrays, read and written with
 * jackson-core alone (no ObjectMapper: it costs a tenth of a second to start). Messages name keys
 * and lines, never values: the file holds the Wi-Fi password.
 */
public final class ConfigJson {
  private static final JsonFactory JSON = new JsonFactory();

  private ConfigJson() {}

  /** The top-level keys in file order; a nested object is a map in its order, an array a list. */
  public static Map<String, Object> read(byte[] bytes) throws IOException {
    try (JsonParser p = JSON.createParser(bytes)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("config.json must hold a JSON object");
      }
      Map<String, Object> values = object(p);
      if (p.nextToken() != null) {
        throw new IOException("config.json is not valid JSON");
      }
      return values;
    } catch (JsonParseException e) {
      // The parser's message quotes the text around the error, which may be the password.
      throw new IOException(
          "config.json is not valid JSON (line " + e.getLocation().getLineNr() + ")");
    }
  }

  /** The object the parser stands at the start of, up to its end. */
  private static Map<String, Object> object(JsonParser p) throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      p.nextToken();
      values.put(key, value(p));
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new IOException("config.json is not valid JSON");
    }
    return values;
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken token = p.currentToken();
    return switch (token) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
      case VALUE_NULL -> null;
      case START_OBJECT -> object(p);
      case START_ARRAY -> {
        List<Object> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p));
        }
        yield items;
      }
      default -> throw new IOException("config.json is not valid JSON");
    };
  }

  /** The keys in the order given, pretty printed, with a final newline. */
  public static byte[] write(Map<String, Object> values) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      for (Map.Entry<String, Object> e : values.entrySet()) {
        g.writeFieldName(e.getKey());
        value(g, e.getValue());
      }
      g.writeEndObject();
    }
    return (out + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void value(JsonGenerator g, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        value(g, item);
      }
      g.writeEndArray();
    } else if (value instanceof BigDecimal d) {
      // As written: 30.0 stays 30.0, and never 3E+1.
      g.writeNumber(d.toPlainString());
    } else if (value == null) {
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
      throw new IOException("config.json: a value that is not JSON");
    }
  }
}
