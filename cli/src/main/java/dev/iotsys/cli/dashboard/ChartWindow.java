package dev.iotsys.cli.dashboard;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The window a sensor view shows: one of the last 24 hours, 7, 30 or 365 days, or from and to.
 *
 * @param from its start
 * @param to its end
 * @param label how the page and the CSV file name call it
 */
record ChartWindow(Instant from, Instant to, String label) {
  static final Map<String, Duration> PRESETS =
      Map.of(
          "24h", Duration.ofHours(24),
          "7d", Duration.ofDays(7),
          "30d", Duration.ofDays(30),
          "365d", Duration.ofDays(365));

  /** From the query: {@code window=7d}, or {@code from=} and {@code to=} as ISO-8601 instants. */
  static ChartWindow of(String rawQuery, Instant now) {
    Optional<String> window = RequestGuard.parameter(rawQuery, "window");
    Optional<String> from = RequestGuard.parameter(rawQuery, "from");
    Optional<String> to = RequestGuard.parameter(rawQuery, "to");
    if (from.isPresent() || to.isPresent()) {
      if (window.isPresent() || from.isEmpty() || to.isEmpty()) {
        throw invalid("give from and to together, or a window");
      }
      Instant start = instant(from.get(), "from");
      Instant end = instant(to.get(), "to");
      return new ChartWindow(start, end, from.get() + "--" + to.get());
    }
    String name = window.orElse("24h");
    Duration length = PRESETS.get(name);
    if (length == null) {
      throw invalid("'" + IotsysException.shown(name) + "' is none of 24h, 7d, 30d and 365d");
    }
    return new ChartWindow(now.minus(length), now, name);
  }

  private static Instant instant(String text, String name) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(
          name
              + " '"
              + IotsysException.shown(text)
              + "' is not a UTC time such as 2026-01-31T18:00:00Z");
    }
  }

  private static IotsysException invalid(String why) {
    return new IotsysException(ErrorKind.INVALID_INPUT, "Invalid window: " + why);
  }
}
