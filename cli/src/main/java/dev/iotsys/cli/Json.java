package dev.iotsys.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The command line's JSON output: documents are built as Jackson trees and written with
 * jackson-core's generator. No {@code ObjectMapper}: making the first one costs about 0.1 s of CPU
 * at every start, a tenth of a short command, and writing a tree needs none of it.
 */
final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /** {@code "apiCalls": {"read": R, "write": W, "byOperation": {"Iot:DescribeThing": N, ...}}}. */
  static void apiCalls(ObjectNode doc, dev.iotsys.api.ApiCalls calls) {
    ObjectNode node =
        doc.putObject("apiCalls").put("read", calls.read()).put("write", calls.write());
    ObjectNode byOperation = node.putObject("byOperation");
    calls.byOperation().forEach(byOperation::put);
  }

  /** The document on one line, as {@code JsonNode.toString()} would write it. */
  static String text(JsonNode document) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT -> {
        g.writeStartObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          g.writeFieldName(field.getKey());
          write(g, field.getValue());
        }
        g.writeEndObject();
      }
      case ARRAY -> {
        g.writeStartArray();
        for (JsonNode element : node) {
          write(g, element);
        }
        g.writeEndArray();
      }
      case STRING -> g.writeString(node.textValue());
      case BOOLEAN -> g.writeBoolean(node.booleanValue());
      case NULL, MISSING -> g.writeNull();
      case NUMBER -> {
        switch (node.numberType()) {
          case INT -> g.writeNumber(node.intValue());
          case LONG -> g.writeNumber(node.longValue());
          case BIG_INTEGER -> g.writeNumber(node.bigIntegerValue());
          case FLOAT -> g.writeNumber(node.floatValue());
          case DOUBLE -> g.writeNumber(node.doubleValue());
          // As written, trailing zeros included (BigDecimal.toString, as databind writes it).
          default -> g.writeNumber(node.decimalValue().toString());
        }
      }
      default ->
          throw new IllegalArgumentException(
              "not a JSON value the command line writes: " + node.getNodeType());
    }
  }
}
