package dev.iotsys.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line chart of one measure over a time window, drawn in text for a terminal: a value axis with
 * the unit on the left, the time axis below with a few labels, the readings as a line of points
 * (each column the average of its slice of the window, joined vertically to the next), and the
 * minimum and maximum marked and named.
 */
final class LineChart {
  private final int width;
  private final int height;
  private final ZoneId zone;

  /**
   * A chart of this size, in characters.
   *
   * @param width the whole chart's width, axis labels included (at least 40)
   * @param height the plot's height in rows (at least 5)
   * @param zone the time zone of the time labels
   */
  LineChart(int width, int height, ZoneId zone) {
    this.width = Math.max(40, width);
    this.height = Math.max(5, height);
    this.zone = zone;
  }

  /** The chart's lines; a note instead when there is nothing to draw. */
  List<String> draw(
      String measure,
      String unit,
      List<Instant> times,
      List<BigDecimal> values,
      Instant from,
      Instant to) {
    BigDecimal min = null;
    BigDecimal max = null;
    Instant minAt = null;
    Instant maxAt = null;
    for (int i = 0; i < values.size(); i++) {
      BigDecimal v = values.get(i);
      Instant t = times.get(i);
      if (v == null || t.isBefore(from) || !t.isBefore(to)) {
        continue;
      }
      if (min == null || v.compareTo(min) < 0) {
        min = v;
        minAt = t;
      }
      if (max == null || v.compareTo(max) > 0) {
        max = v;
        maxAt = t;
      }
    }
    if (min == null) {
      return List.of("no " + measure + " readings to draw");
    }
    String suffix = unit == null || unit.isEmpty() ? "" : " " + unit;
    BigDecimal low = min;
    BigDecimal high = max.compareTo(min) == 0 ? min.add(BigDecimal.ONE) : max;
    String top = label(high) + suffix;
    String bottom = label(low) + suffix;
    int labelWidth = Math.max(top.length(), bottom.length());
    int columns = width - labelWidth - 2;
    List<BigDecimal> buckets = Sparkline.buckets(times, values, from, to, columns);

    char[][] grid = new char[height][columns];
    for (char[] row : grid) {
      Arrays.fill(row, ' ');
    }
    Integer previous = null;
    for (int c = 0; c < columns; c++) {
      BigDecimal v = buckets.get(c);
      if (v == null) {
        previous = null;
        continue;
      }
      int row = row(v, low, high);
      if (previous != null && Math.abs(previous - row) > 1) {
        for (int r = Math.min(previous, row) + 1; r < Math.max(previous, row); r++) {
          grid[r][c] = '│';
        }
      }
      grid[row][c] = '•';
      previous = row;
    }
    mark(grid, columns, from, to, maxAt, '▲', 0);
    mark(grid, columns, from, to, minAt, '▼', height - 1);

    List<String> lines = new ArrayList<>();
    lines.add(
        measure
            + " from "
            + time(from, "yyyy-MM-dd HH:mm")
            + " to "
            + time(to, "yyyy-MM-dd HH:mm")
            + " ("
            + zone.getId()
            + ")");
    for (int r = 0; r < height; r++) {
      String axis = r == 0 ? top : r == height - 1 ? bottom : "";
      lines.add(
          " ".repeat(labelWidth - axis.length())
              + axis
              + " ┤"
              + new String(grid[r]).stripTrailing());
    }
    lines.add(" ".repeat(labelWidth) + " └" + "─".repeat(columns));
    lines.add(" ".repeat(labelWidth + 2) + timeAxis(columns, from, to));
    lines.add(
        "▲ max "
            + max.toPlainString()
            + suffix
            + " at "
            + time(maxAt, "yyyy-MM-dd HH:mm")
            + "   ▼ min "
            + min.toPlainString()
            + suffix
            + " at "
            + time(minAt, "yyyy-MM-dd HH:mm"));
    return lines;
  }

  /** Row 0 is the top: the high end. */
  private int row(BigDecimal v, BigDecimal low, BigDecimal high) {
    double share = v.subtract(low).doubleValue() / high.subtract(low).doubleValue();
    return (height - 1) - (int) Math.round(share * (height - 1));
  }

  /**
   * The extreme's glyph in its column, on the top row for the maximum, the bottom row for the
   * minimum: a column averages its slice of the window, so the point drawn there may lie lower.
   */
  private void mark(
      char[][] grid, int columns, Instant from, Instant to, Instant at, char glyph, int row) {
    long span = Duration.between(from, to).toMillis();
    int c = (int) Math.min(columns - 1, Duration.between(from, at).toMillis() * columns / span);
    grid[row][c] = glyph;
  }

  /** Labels at the start, a quarter, half, three quarters and the end, where they fit. */
  private String timeAxis(int columns, Instant from, Instant to) {
    long span = Duration.between(from, to).toMillis();
    String pattern = span <= Duration.ofDays(2).toMillis() ? "HH:mm" : "MM-dd";
    char[] axis = new char[columns + 12];
    Arrays.fill(axis, ' ');
    int next = 0;
    for (int q = 0; q <= 4; q++) {
      int c = Math.min(columns - 1, q * (columns - 1) / 4);
      String label = time(from.plusMillis(span * q / 4), pattern);
      int start = q == 4 ? Math.max(next, c - label.length() + 1) : Math.max(next, c);
      if (start + label.length() > axis.length) {
        break;
      }
      label.getChars(0, label.length(), axis, start);
      next = start + label.length() + 1;
    }
    return new String(axis).stripTrailing();
  }

  private String time(Instant t, String pattern) {
    return DateTimeFormatter.ofPattern(pattern).withZone(zone).format(t);
  }

  private static String label(BigDecimal v) {
    BigDecimal rounded = v.setScale(Math.min(2, Math.max(0, v.scale())), RoundingMode.HALF_EVEN);
    return rounded.stripTrailingZeros().toPlainString();
  }
}
