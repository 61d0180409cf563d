package dev.iotsys.sensor.esp8266temp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code firmware/contract.json}, bundled in this jar: what the firmware expects of the cloud side
 * (topic prefix, measures, port) and of its package (the files to copy, the settings' defaults).
 *
 * @param type the sensor type id
 * @param topicPrefix the first topic level
 * @param measures the keys of the device's JSON message
 * @param port the MQTT over TLS port
 * @param files the firmware files, relative to the firmware folder
 * @param settings the optional {@code config.json} keys with their defaults
 */
record FirmwareContract(
    String type,
    String topicPrefix,
    List<String> measures,
    int port,
    List<String> files,
    ObjectNode settings) {

  /** Where the build puts the firmware in the jar. */
  static final String FOLDER = "/dev/iotsys/sensor/esp8266temp/firmware/";

  static FirmwareContract bundled() {
    try (InputStream in = FirmwareContract.class.getResourceAsStream(FOLDER + "contract.json")) {
      if (in == null) {
        throw new IllegalStateException("The firmware is missing from the sensor-esp8266temp jar"
            + " (" + FOLDER + "contract.json); rebuild it with the firmware/ folder present");
      }
      JsonNode c = new ObjectMapper().readTree(in);
      return new FirmwareContract(c.path("type").asText(), c.path("topicPrefix").asText(),
          strings(c.path("measures")), c.path("port").asInt(), strings(c.path("files")),
          c.path("settings").isObject() ? (ObjectNode) c.path("settings")
              : new ObjectMapper().createObjectNode());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bundled firmware contract", e);
    }
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

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asText()));
    return List.copyOf(values);
  }
}
