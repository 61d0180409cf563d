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
 * A type's {@code firmware/<type>/contract.json}, bundled in the type's jar with the firmware: what
 * the firmware expects of the cloud side (topic prefix, measures, port) and of its package (the
 * firmware files to copy, the names of the package's own files, the settings' defaults). The Java
 * side never names a firmware module: it copies what {@link #files()} lists.
 */
public final class FirmwareContract {
  private final Class<?> anchor;
  private final String folder;
  private final String type;
  private final String topicPrefix;
  private final List<String> measures;
  private final int port;
  private final List<String> files;
  private final Map<String, String> packageFiles;
  private final Map<String, Object> settings;

  private FirmwareContract(
      Class<?> anchor,
      String folder,
      String type,
      String topicPrefix,
      List<String> measures,
      int port,
      List<String> files,
      Map<String, String> packageFiles,
      Map<String, Object> settings) {
    this.anchor = anchor;
    this.folder = folder;
    this.type = type;
    this.topicPrefix = topicPrefix;
    this.measures = measures;
    this.port = port;
    this.files = files;
    this.packageFiles = packageFiles;
    this.settings = settings;
  }

  /**
   * The contract in a type's jar. Read with jackson-core's parser: databind's first {@code
   * ObjectMapper} costs about 0.1 s at every start of the command line.
   *
   * @param anchor a class of the type's jar, whose resources hold the firmware
   * @param folder where the build put the firmware in the jar, e.g. {@code
   *     /dev/iotsys/sensor/esp8266temp/firmware/}
   * @return the contract
   * @throws IllegalStateException when the jar holds no contract (built without {@code firmware/})
   */
  public static FirmwareContract bundled(Class<?> anchor, String folder) {
    try (InputStream in = anchor.getResourceAsStream(folder + "contract.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "The firmware is missing from the jar of "
                + anchor.getName()
                + " ("
                + folder
                + "contract.json); rebuild it with the firmware/ folder present");
      }
      return read(anchor, folder, in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled firmware contract", e);
    }
  }

  /**
   * A contract read from a stream; its firmware files are looked up beside it in {@code anchor}'s
   * resources.
   *
   * @param anchor a class whose resources hold the firmware
   * @param folder the firmware's folder among them
   * @param in the contract's JSON
   * @return the contract
   * @throws IOException when the JSON is not a contract
   */
  public static FirmwareContract read(Class<?> anchor, String folder, InputStream in)
      throws IOException {
    String type = "";
    String topicPrefix = "";
    List<String> measures = List.of();
    int port = 0;
    List<String> files = List.of();
    Map<String, String> packageFiles = Map.of();
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
          case "package" -> packageFiles = texts(p, value);
          case "settings" -> settings = scalars(p, value);
          default -> p.skipChildren();
        }
      }
    }
    return new FirmwareContract(
        anchor, folder, type, topicPrefix, measures, port, files, packageFiles, settings);
  }

  /** The sensor type id. */
  public String type() {
    return type;
  }

  /** The first topic level. */
  public String topicPrefix() {
    return topicPrefix;
  }

  /** The keys of the device's JSON message, in the order the firmware writes them. */
  public List<String> measures() {
    return measures;
  }

  /** The MQTT over TLS port. */
  public int port() {
    return port;
  }

  /** The firmware files, relative to the firmware folder, copied into every package. */
  public List<String> files() {
    return files;
  }

  /**
   * The names of the package's own files by role ({@code certificate}, {@code key}, {@code trust},
   * {@code config}), from the contract's {@code package} section; empty when it has none.
   */
  public Map<String, String> packageFiles() {
    return packageFiles;
  }

  /**
   * The name of one of the package's own files, by its role.
   *
   * @throws IllegalStateException when the contract names no file for the role
   */
  public String packageFile(String role) {
    String name = packageFiles.get(role);
    if (name == null) {
      throw new IllegalStateException(
          "The firmware contract of " + type + " names no package file for '" + role + "'");
    }
    return name;
  }

  /**
   * The optional {@code config.json} keys with their defaults (strings, numbers, booleans), in the
   * file's order.
   */
  public Map<String, Object> settings() {
    return settings;
  }

  /** A firmware file's bytes, from the jar. */
  public byte[] file(String name) throws IOException {
    try (InputStream in = anchor.getResourceAsStream(folder + name)) {
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

  private static Map<String, String> texts(JsonParser p, JsonToken start) throws IOException {
    expect(start, JsonToken.START_OBJECT);
    Map<String, String> values = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (p.nextToken() != JsonToken.VALUE_STRING) {
        throw new IOException("package file " + key + " is not a file name");
      }
      values.put(key, p.getText());
    }
    return Collections.unmodifiableMap(values);
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
