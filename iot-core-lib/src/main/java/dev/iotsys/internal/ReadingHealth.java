package dev.iotsys.internal;

import dev.iotsys.api.SensorHealth.Health;
import dev.iotsys.spi.SensorType;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one rule for whether a sensor's readings arrive on time, measured against the reading
 * interval its type expects. A reading is on time while it is at most one and a half intervals old
 * (a board's wake, Wi-Fi and TLS take seconds, and its clock drifts); then late; then, past the
 * sensor's silence window, silent.
 */
public final class ReadingHealth {
  /**
   * Intervals without a reading after which a sensor without a silence alarm of its own is silent:
   * the alerts' default silence of 30 minutes for a type that reads every 5 minutes.
   */
  static final int SILENT_INTERVALS = 6;

  /** How far back a newest reading is looked for: as far as {@code status} looks. */
  static final Duration LOOK_BACK = StatusReporter.READING_WINDOW.duration();

  private ReadingHealth() {}

  /**
   * How often a sensor's readings arrive: its type's reading interval times the readings its board
   * keeps before it connects ({@code --publish-every}). A board that publishes every 6th reading
   * sends a burst every 30 minutes; it is not late after 10. A sensor of a type not on the class
   * path is expected every 5 minutes, the interval the alerts' default silence is built on.
   */
  public static Duration expectedInterval(Optional<SensorType> type, int publishEvery) {
    return type.map(SensorType::readingInterval)
        .orElse(Duration.ofMinutes(5))
        .multipliedBy(Math.max(1, publishEvery));
  }

  /** The silence window: the sensor's own alarm's, else {@link #SILENT_INTERVALS} intervals. */
  public static Duration silentAfter(Duration interval, Optional<Duration> ownAlarm) {
    return ownAlarm.orElse(interval.multipliedBy(SILENT_INTERVALS));
  }

  /**
   * The health of a sensor whose newest reading in the last {@link #LOOK_BACK} is {@code last}.
   *
   * @param last the newest reading's time; empty when there was none
   * @param now the moment the age is counted to
   * @param interval how often readings should arrive
   * @param silentAfter how long without a reading makes the sensor silent
   */
  public static Health of(
      Optional<Instant> last, Instant now, Duration interval, Duration silentAfter) {
    if (last.isEmpty()) {
      return Health.NEVER_SEEN;
    }
    Duration age = Duration.between(last.get(), now);
    if (age.compareTo(silentAfter) > 0) {
      return Health.SILENT;
    }
    if (age.compareTo(interval.plus(interval.dividedBy(2))) > 0) {
      return Health.LATE;
    }
    return Health.ON_TIME;
  }
}
