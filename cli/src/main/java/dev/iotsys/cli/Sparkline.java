package dev.iotsys.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A line of block characters, one per time bucket, the higher the greater the bucket's average: the
 * shape of a sensor's last hours at a glance. A bucket without readings is a space.
 */
final class Sparkline {
  private static final char[] BLOCKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

  private Sparkline() {}

  /** The averages of the values in {@code buckets} equal slices of [from, to); null: none. */
  static List<BigDecimal> buckets(
      List<Instant> times, List<BigDecimal> values, Instant from, Instant to, int buckets) {
    BigDecimal[] sums = new BigDecimal[buckets];
    int[] counts = new int[buckets];
    long span = Duration.between(from, to).toMillis();
    for (int i = 0; i < times.size(); i++) {
      BigDecimal v = values.get(i);
      long at = Duration.between(from, times.get(i)).toMillis();
      if (v == null || at < 0 || at >= span) {
        continue;
      }
      int b = (int) (at * buckets / span);
      sums[b] = sums[b] == null ? v : sums[b].add(v);
      counts[b]++;
    }
    List<BigDecimal> averages = new ArrayList<>();
    for (int b = 0; b < buckets; b++) {
      averages.add(
          counts[b] == 0
              ? null
              : sums[b].divide(BigDecimal.valueOf(counts[b]), MathContext.DECIMAL64));
    }
    return averages;
  }

  /** The line for these values; all equal values are drawn at mid height. */
  static String of(List<BigDecimal> values) {
    BigDecimal min = null;
    BigDecimal max = null;
    for (BigDecimal v : values) {
      if (v != null) {
        min = min == null || v.compareTo(min) < 0 ? v : min;
        max = max == null || v.compareTo(max) > 0 ? v : max;
      }
    }
    StringBuilder b = new StringBuilder();
    for (BigDecimal v : values) {
      if (v == null) {
        b.append(' ');
      } else if (max.compareTo(min) == 0) {
        b.append(BLOCKS[BLOCKS.length / 2 - 1]);
      } else {
        double share = v.subtract(min).doubleValue() / max.subtract(min).doubleValue();
        b.append(BLOCKS[(int) Math.min(BLOCKS.length - 1, Math.floor(share * BLOCKS.length))]);
      }
    }
    return b.toString();
  }

  /**
   * The last 24 hours of each sensor's first measure, hourly, for a list on a terminal: empty
   * without one (never in JSON, CSV or a pipe), and one read of the readings for all of them.
   */
  static java.util.Map<String, String> last24h(
      dev.iotsys.api.Iotsys iotsys, Terminal io, java.util.Map<String, String> sensorTypes) {
    if (!io.interactive() || io.format() != Terminal.Format.TEXT || sensorTypes.isEmpty()) {
      return java.util.Map.of();
    }
    java.util.Map<String, String> firstMeasure = new java.util.HashMap<>();
    iotsys.sensorTypes().forEach(t -> firstMeasure.put(t.id(), t.measures().get(0)));
    Instant to = Instant.now();
    Instant from = to.minus(Duration.ofHours(24));
    java.util.Map<String, String> lines = new java.util.HashMap<>();
    iotsys
        .recentReadings(sensorTypes, "24h")
        .forEach(
            (name, readings) -> {
              String measure = firstMeasure.get(sensorTypes.get(name));
              List<dev.iotsys.api.Reading> mine =
                  readings.stream().filter(r -> r.measure().equals(measure)).toList();
              lines.put(
                  name,
                  of(
                      buckets(
                          mine.stream().map(dev.iotsys.api.Reading::time).toList(),
                          mine.stream().map(dev.iotsys.api.Reading::value).toList(),
                          from,
                          to,
                          24)));
            });
    return lines;
  }
}
