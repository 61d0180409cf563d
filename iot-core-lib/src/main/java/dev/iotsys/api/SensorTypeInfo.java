package dev.iotsys.api;

import java.time.Duration;
import java.util.List;

/**
 * A sensor type found on the class path.
 *
 * @param id the type's id, e.g. {@code attictemp}
 * @param description one line for people
 * @param measures the names of the values its devices publish
 * @param units each measure's unit, in the order of {@code measures}, e.g. {@code °C}
 * @param topicFilter the MQTT topic filter its rule listens on
 * @param deviceSettings the settings its devices take at {@code sensor add}, {@code key} among them
 *     when the type offers more than one key algorithm
 * @param keyAlgorithms the key algorithms its devices can use, the default first: {@code rsa} (RSA
 *     2048), {@code ec} (EC P-256)
 * @param readingInterval how often its devices publish with their default settings
 * @param origin where it came from: {@code built-in} or the path of the plugin jar
 */
public record SensorTypeInfo(
    String id,
    String description,
    List<String> measures,
    List<String> units,
    String topicFilter,
    List<Setting> deviceSettings,
    List<String> keyAlgorithms,
    Duration readingInterval,
    String origin) {
  /**
   * Creates the info; the lists are copied.
   *
   * @param id the type's id
   * @param description one line for people
   * @param measures the names of the values its devices publish
   * @param units each measure's unit
   * @param topicFilter the MQTT topic filter its rule listens on
   * @param deviceSettings the settings its devices take at {@code sensor add}
   * @param keyAlgorithms the key algorithms its devices can use, the default first
   * @param readingInterval how often its devices publish with their default settings
   * @param origin where it came from: {@code built-in} or the path of the plugin jar
   */
  public SensorTypeInfo {
    measures = List.copyOf(measures);
    units = List.copyOf(units);
    deviceSettings = List.copyOf(deviceSettings);
    keyAlgorithms = List.copyOf(keyAlgorithms);
  }

  /**
   * A device setting, as {@code sensor add --NAME VALUE} takes it.
   *
   * @param name the option's name, e.g. {@code pin}
   * @param argName how the value is called, e.g. {@code N}
   * @param description one line, with the default
   * @param choices the values allowed, when there are few; empty otherwise
   */
  public record Setting(String name, String argName, String description, List<String> choices) {
    /**
     * Creates a setting; the list is copied.
     *
     * @param name the option's name
     * @param argName how the value is called
     * @param description one line, with the default
     * @param choices the values allowed, or empty
     */
    public Setting {
      choices = List.copyOf(choices);
    }
  }
}
