package dev.iotsys.spi;

/**
 * One value a sensor publishes.
 *
 * @param name the JSON key in the device's message and the measure name in the table
 * @param unit the unit, for people reading the data (e.g. {@code °C})
 */
public record Measure(String name, String unit) {
  /**
   * Validates the name: letters, digits and underscores, starting with a letter.
   *
   * @param name the JSON key and measure name, 1 to 63 characters
   * @param unit the unit, for people reading the data
   * @throws IllegalArgumentException when the name is invalid
   */
  public Measure {
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("Invalid measure name: " + name);
    }
  }
}
