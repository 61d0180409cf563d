package dev.iotsys.spi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One value a sensor publishes.
 *
 * @param name the JSON key in the device's message and the measure name in the table
 * @param unit the unit, for people reading the data (e.g. {@code °C})
 * @param low the low end of the values a working sensor plausibly reads where it is used (e.g. a
 *     room's {@code 15} °C): {@code sensor test} and the demo send values from this range
 * @param high the high end of that range, above {@code low}
 */
public record Measure(String name, String unit, BigDecimal low, BigDecimal high) {
  /**
   * Validates the name and the range.
   *
   * @param name the JSON key and measure name, 1 to 63 characters
   * @param unit the unit, for people reading the data
   * @param low the low end of the plausible range
   * @param high the high end, above {@code low}
   * @throws IllegalArgumentException when the name is invalid or the range empty
   */
  public Measure {
    if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("Invalid measure name: " + name);
    }
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(low, "low");
    Objects.requireNonNull(high, "high");
    if (low.compareTo(high) >= 0) {
      throw new IllegalArgumentException(
          "Measure " + name + ": the range " + low + " to " + high + " is empty");
    }
  }

  /**
   * A measure with its plausible range given as decimal text, e.g. {@code new Measure("pressure",
   * "hPa", "950", "1050")}.
   *
   * @param name the JSON key and measure name
   * @param unit the unit
   * @param low the low end of the plausible range, e.g. {@code 15}
   * @param high the high end, e.g. {@code 25}
   */
  public Measure(String name, String unit, String low, String high) {
    this(name, unit, new BigDecimal(low), new BigDecimal(high));
  }

  /**
   * The middle of the plausible range: a value a working sensor could read.
   *
   * @return {@code (low + high) / 2}
   */
  public BigDecimal typical() {
    return low.add(high).divide(BigDecimal.valueOf(2));
  }
}
