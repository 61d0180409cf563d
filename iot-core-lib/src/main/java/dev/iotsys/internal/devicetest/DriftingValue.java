package dev.iotsys.internal.devicetest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/**
 * A simulated sensor's readings: they start at a value and wander slowly around it, as a room's
 * temperature does between two readings a minute apart: steps of a few hundredths, pulled back
 * towards the start, never further than {@link #MAX_OFFSET} from it, with the board's two decimals.
 */
final class DriftingValue {
  static final BigDecimal MAX_OFFSET = new BigDecimal("2");
  private static final double STEP = 0.04;
  private static final double PULL = 0.05;

  private final double start;
  private final Random random;
  private double current;
  private boolean first = true;

  DriftingValue(BigDecimal start, long seed) {
    this.start = start.doubleValue();
    this.current = this.start;
    this.random = new Random(seed);
  }

  /** The next reading: the start value first, then each one a small step from the last. */
  BigDecimal next() {
    if (first) {
      first = false;
      return BigDecimal.valueOf(start).setScale(2, RoundingMode.HALF_EVEN);
    }
    current += random.nextGaussian() * STEP + (start - current) * PULL;
    double limit = MAX_OFFSET.doubleValue();
    current = Math.max(start - limit, Math.min(start + limit, current));
    return BigDecimal.valueOf(current).setScale(2, RoundingMode.HALF_EVEN);
  }
}
