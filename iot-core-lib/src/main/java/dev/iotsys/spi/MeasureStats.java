package dev.iotsys.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link ReadingStore}'s summary of one measure of a device over a time window. A measure without
 * readings in the window has a count of 0 and every other value null.
 *
 * @param measure the measure's name, e.g. {@code temperature}
 * @param min the smallest value, or {@code null} when there is none
 * @param max the largest value, or {@code null} when there is none
 * @param average the mean of the values (exact to 16 significant digits), or {@code null} when
 *     there is none
 * @param count how many values the window holds
 * @param last when the newest reading was stored, or {@code null} when there is none
 */
public record MeasureStats(
    String measure, BigDecimal min, BigDecimal max, BigDecimal average, long count, Instant last) {
  /**
   * Creates the summary; the measure is required and the count cannot be negative.
   *
   * @param measure the measure's name
   * @param min the smallest value, or {@code null} when there is none
   * @param max the largest value, or {@code null} when there is none
   * @param average the mean of the values, or {@code null} when there is none
   * @param count how many values the window holds
   * @param last when the newest reading was stored, or {@code null} when there is none
   */
  public MeasureStats {
    Objects.requireNonNull(measure, "measure");
    if (count < 0) {
      throw new IllegalArgumentException("count < 0: " + count);
    }
  }

  /**
   * The summary of a measure that has no readings in the window.
   *
   * @param measure the measure's name
   * @return a summary with a count of 0 and no values
   */
  public static MeasureStats none(String measure) {
    return new MeasureStats(measure, null, null, null, 0, null);
  }
}
