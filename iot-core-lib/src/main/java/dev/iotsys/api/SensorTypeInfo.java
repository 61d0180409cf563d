package dev.iotsys.api;

import java.util.List;

/**
 * A sensor type found on the class path.
 *
 * @param id the type's id, e.g. {@code esp8266temp}
 * @param description one line for people
 * @param measures the names of the values its devices publish
 * @param topicFilter the MQTT topic filter its rule listens on
 */
public record SensorTypeInfo(
    String id, String description, List<String> measures, String topicFilter) {
  /**
   * Creates the info; the list is copied.
   *
   * @param id the type's id
   * @param description one line for people
   * @param measures the names of the values its devices publish
   * @param topicFilter the MQTT topic filter its rule listens on
   */
  public SensorTypeInfo {
    measures = List.copyOf(measures);
  }
}
