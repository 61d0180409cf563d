package dev.iotsys.internal.devicetest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/**
 * A simulated sensor's readings of one measure: they start at a value and wander slowly around it,
 * as a room's temperature does between two readings a minute apart: steps of a few hundredths of
 * the measure's plausible range, pulled back towards the start, never further than a fifth of the
 * range from it, to hundredths. For a room's 15 to 25 °C that is steps of about 0.04 °C and at most
 * 2 °C away.
 */
final class DriftingValue {
  /** The typical step, as a share of the range. */
  static final double STEP = 0.004;

  /** How far a reading may stray from the start, as a share of the range. */
  static final double MAX_OFFSET = 0.2;

  private static final double PULL = 0.05;

  private final double start;
  private final double step;
  private final double limit;
  private final Random random;
  private double current;
  private boolean first = true;

  /**
   * @param start the first reading
   * @param range the width of the measure's plausible range
   */
  DriftingValue(BigDecimal start, BigDecimal range, long seed) {
    this.start = start.doubleValue();
    this.current = this.start;
    this.step = range.doubleValue() * STEP;
    this.limit = range.doubleValue() * MAX_OFFSET;
    this.random = new Random(seed);
  }

  /** The next reading: the start value first, then each one a small step from the last. */
  BigDecimal next() {
    if (first) {
      first = false;
      return BigDecimal.valueOf(start).setScale(2, RoundingMode.HALF_UP);
    }
    current += random.nextGaussian() * step + (start - current) * PULL;
    current = Math.max(start - limit, Math.min(start + limit, current));
    return BigDecimal.valueOf(current).setScale(2, RoundingMode.HALF_UP);
  }
}
