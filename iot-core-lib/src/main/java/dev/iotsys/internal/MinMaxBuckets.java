package dev.iotsys.internal;

import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingStats;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reduces one measure's readings for drawing: the window cut into equal time slices, each giving
 * its lowest and its highest reading, so that a chart of a year keeps the one hot afternoon an
 * average would flatten. Every point is a stored reading, never a computed one.
 */
public final class MinMaxBuckets {
  private MinMaxBuckets() {}

  /**
   * At most {@code maxPoints} of the readings, oldest first: all of them when they fit, else the
   * lowest and highest of each of {@code maxPoints / 2} equal slices of the time the readings span
   * (not of the whole window: a sensor added ten days ago gets a year's chart as fine as ten
   * days').
   *
   * @param readings one measure's readings with a value, in any order
   */
  public static List<Reading> reduce(List<Reading> readings, int maxPoints) {
    List<Reading> sorted = new ArrayList<>(readings);
    sorted.sort(Comparator.comparing(Reading::time));
    if (sorted.size() <= maxPoints) {
      return sorted;
    }
    int slices = maxPoints / 2;
    Instant from = sorted.get(0).time();
    long span =
        Math.max(1, Duration.between(from, sorted.get(sorted.size() - 1).time()).toMillis() + 1);
    Reading[] low = new Reading[slices];
    Reading[] high = new Reading[slices];
    for (Reading r : sorted) {
      long at = Duration.between(from, r.time()).toMillis();
      int s = (int) Math.max(0, Math.min(slices - 1, at * slices / span));
      if (low[s] == null || r.value().compareTo(low[s].value()) < 0) {
        low[s] = r;
      }
      if (high[s] == null || r.value().compareTo(high[s].value()) > 0) {
        high[s] = r;
      }
    }
    List<Reading> points = new ArrayList<>();
    for (int s = 0; s < slices; s++) {
      if (low[s] == null) {
        continue;
      }
      if (low[s] == high[s]) {
        points.add(low[s]);
      } else if (low[s].time().isAfter(high[s].time())) {
        points.add(high[s]);
        points.add(low[s]);
      } else {
        points.add(low[s]);
        points.add(high[s]);
      }
    }
    return points;
  }

  /** Minimum, maximum, exact average, count and newest time of one measure's readings. */
  public static ReadingStats stats(String measure, List<Reading> readings) {
    if (readings.isEmpty()) {
      return ReadingStats.none(measure);
    }
    BigDecimal min = null;
    BigDecimal max = null;
    BigDecimal sum = BigDecimal.ZERO;
    Instant last = null;
    for (Reading r : readings) {
      min = min == null || r.value().compareTo(min) < 0 ? r.value() : min;
      max = max == null || r.value().compareTo(max) > 0 ? r.value() : max;
      sum = sum.add(r.value());
      last = last == null || r.time().isAfter(last) ? r.time() : last;
    }
    return new ReadingStats(
        measure,
        min,
        max,
        sum.divide(BigDecimal.valueOf(readings.size()), MathContext.DECIMAL64),
        readings.size(),
        last);
  }
}
