package dev.iotsys.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One value of one reading as a {@link ReadingStore} holds it.
 *
 * @param time when the reading was stored (UTC)
 * @param measure the measure's name, e.g. {@code temperature}
 * @param value the value, exactly as stored, or {@code null} when the store holds no numeric value
 *     for it
 */
public record StoredReading(Instant time, String measure, BigDecimal value) {
  /**
   * Creates a stored value; the time and the measure are required.
   *
   * @param time when the reading was stored
   * @param measure the measure's name
   * @param value the value, or {@code null} when there is no numeric one
   */
  public StoredReading {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(measure, "measure");
  }
}
