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
 */
public record Reading(Instant time, String measure, BigDecimal value) {
  /**
   * Creates a reading; the time and the measure are required.
   *
   * @param time when the reading was stored
   * @param measure the measure's name
   * @param value the value, or {@code null} when there is no numeric one
   */
  public Reading {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(measure, "measure");
  }
}
