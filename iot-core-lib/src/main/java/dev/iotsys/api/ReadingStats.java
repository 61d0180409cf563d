package dev.iotsys.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A summary of one measure of a sensor over a time window, as {@code data --stats} shows it.
 *
 * <p>A measure without readings in the window has a count of 0 and every other value null.
 *
 * @param measure the measure's name, e.g. {@code temperature}
 * @param min the smallest value, or {@code null} when there is none
 * @param max the largest value, or {@code null} when there is none
 * @param average the mean of the values (exact to 16 significant digits), or {@code null} when
 *     there is none
 * @param count how many values the window holds
 * @param last when the newest reading was stored, or {@code null} when there is none
 * @param unit the measure's unit as the sensor's own type declares it; empty when unknown
 */
public record ReadingStats(
    String measure,
    BigDecimal min,
    BigDecimal max,
    BigDecimal average,
    long count,
    Instant last,
    String unit) {
  /**
   * Creates the summary; the measure is required and the count cannot be negative.
   *
   * @param measure the measure's name
   * @param min the smallest value, or {@code null} when there is none
   * @param max the largest value, or {@code null} when there is none
   * @param average the mean of the values, or {@code null} when there is none
   * @param count how many values the window holds
   * @param last when the newest reading was stored, or {@code null} when there is none
   * @param unit the measure's unit; null means none
   */
  public ReadingStats {
    Objects.requireNonNull(measure, "measure");
    if (count < 0) {
      throw new IllegalArgumentException("count < 0: " + count);
    }
    unit = unit == null ? "" : unit;
  }

  /**
   * A summary whose unit is not known.
   *
   * @param measure the measure's name
   * @param min the smallest value, or {@code null} when there is none
   * @param max the largest value, or {@code null} when there is none
   * @param average the mean of the values, or {@code null} when there is none
   * @param count how many values the window holds
   * @param last when the newest reading was stored, or {@code null} when there is none
   */
  public ReadingStats(
      String measure,
      BigDecimal min,
      BigDecimal max,
      BigDecimal average,
      long count,
      Instant last) {
    this(measure, min, max, average, count, last, "");
  }

  /**
   * The summary of a measure that has no readings in the window.
   *
   * @param measure the measure's name
   * @return a summary with a count of 0 and no values
   */
  public static ReadingStats none(String measure) {
    return new ReadingStats(measure, null, null, null, 0, null);
  }
}
