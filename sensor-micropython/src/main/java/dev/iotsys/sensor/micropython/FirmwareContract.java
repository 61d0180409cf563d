package dev.iotsys.sensor.micropython;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code firmware/esp8266temp/contract.json}, bundled in this jar: what the firmware expects of the
 * cloud side (topic prefix, measures, port) and of its package (the files to copy, the settings'
 * defaults).
 *
 * @param type the sensor type id
 * @param topicPrefix the first topic level
 * @param measures the keys of the device's JSON message
 * @param port the MQTT over TLS port
 * @param files the firmware files, relative to the firmware folder
 * @param settings the optional {@code config.json} keys with their defaults (strings, numbers,
 *     booleans), in the file's order
 */
record FirmwareContract(
    String type,
    String topicPrefix,
    List<String> measures,
    int port,
    List<String> files,
    Map<String, Object> settings) {

  /** Where the build puts the firmware in the jar. */
  static final String FOLDER = "/dev/iotsys/sensor/esp8266temp/firmware/";

  /**
   * The contract in this jar. Read with jackson-core's parser: databind's first {@code
   * ObjectMapper} costs about 0.1 s at every start of the command line.
   */
  static FirmwareContract bundled() {
    try (InputStream in = FirmwareContract.class.getResourceAsStream(FOLDER + "contract.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "The firmware is missing from the sensor-esp8266temp jar"
                + " ("
                + FOLDER
                + "contract.json); rebuild it with the firmware/ folder present");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled firmware contract", e);
    }
  }

  static FirmwareContract read(InputStream in) throws IOException {
    String type = "";
    String topicPrefix = "";
    List<String> measures = List.of();
    int port = 0;
    List<String> files = List.of();
    Map<String, Object> settings = Map.of();
    try (JsonParser p = new JsonFactory().createParser(in)) {
      expect(p.nextToken(), JsonToken.START_OBJECT);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "type" -> type = p.getValueAsString();
          case "topicPrefix" -> topicPrefix = p.getValueAsString();
          case "measures" -> measures = strings(p, value);
          case "port" -> port = p.getValueAsInt();
          case "files" -> files = strings(p, value);
          case "settings" -> settings = scalars(p, value);
          default -> p.skipChildren();
        }
      }
    }
    return new FirmwareContract(type, topicPrefix, measures, port, files, settings);
  }

  /** A firmware file's bytes, from the jar. */
  byte[] file(String name) throws IOException {
    try (InputStream in = FirmwareContract.class.getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw new IOException("firmware file " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    }
  }

  private static List<String> strings(JsonParser p, JsonToken start) throws IOException {
    expect(start, JsonToken.START_ARRAY);
    List<String> values = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      values.add(p.getValueAsString());
    }
    return List.copyOf(values);
  }

  private static Map<String, Object> scalars(JsonParser p, JsonToken start) throws IOException {
    expect(start, JsonToken.START_OBJECT);
    Map<String, Object> values = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken token = p.nextToken();
      values.put(
          key,
          switch (token) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue();
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE, VALUE_FALSE -> p.getBooleanValue();
            default ->
                throw new IOException("setting " + key + " is not a string, number or boolean");
          });
    }
    return Collections.unmodifiableMap(values);
  }

  private static void expect(JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("contract.json: expected " + expected + ", found " + actual);
    }
  }
}
