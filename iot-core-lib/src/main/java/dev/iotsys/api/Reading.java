package dev.iotsys.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored reading of a sensor, as {@code data} shows it.
 *
 * @param time when the reading was stored (UTC)
 * @param measure the measure's name, e.g. {@code temperature}
 * @param value the value, exactly as stored, or {@code null} when the store holds no numeric value
 *     for it
 * @param unit the measure's unit as the sensor's own type declares it, e.g. {@code hPa}; empty when
 *     the type has no such measure
 */
public record Reading(Instant time, String measure, BigDecimal value, String unit) {
  /**
   * Creates a reading; the time and the measure are required.
   *
   * @param time when the reading was stored
   * @param measure the measure's name
   * @param value the value, or {@code null} when there is no numeric one
   * @param unit the measure's unit; null means none
   */
  public Reading {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(measure, "measure");
    unit = unit == null ? "" : unit;
  }

  /**
   * A reading whose unit is not known.
   *
   * @param time when the reading was stored
   * @param measure the measure's name
   * @param value the value, or {@code null} when there is no numeric one
   */
  public Reading(Instant time, String measure, BigDecimal value) {
    this(time, measure, value, "");
  }
}
