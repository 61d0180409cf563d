package dev.iotsys.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One sensor at a glance, as the fleet view shows it: whether its readings arrive when its type
 * says they should, its newest values, the last day of each measure, its certificates and any alarm
 * going off.
 *
 * @param name the thing name
 * @param typeId the sensor type
 * @param health whether its readings arrive on time
 * @param lastReading when its newest reading was stored, if one was in the last 30 days
 * @param expectedInterval how often its type says a reading arrives
 * @param silentAfter how long without a reading makes it silent: its silence alarm's window when it
 *     has one, else six expected intervals
 * @param measures each measure of its type, in the type's order
 * @param certificates the certificates recorded for its thing, with their status
 * @param alarmsInAlarm its CloudWatch alarms in state ALARM (empty when alerts are not enabled)
 * @param droppedLast24h how many readings its board dropped (its buffer full while offline) as
 *     reported with the readings of the last 24 hours
 */
public record SensorHealth(
    String name,
    String typeId,
    Health health,
    Optional<Instant> lastReading,
    Duration expectedInterval,
    Duration silentAfter,
    List<MeasureNow> measures,
    List<SensorInfo.Certificate> certificates,
    List<AlertsStatus.Alarm> alarmsInAlarm,
    long droppedLast24h) {

  /**
   * Creates the entry; the lists are copied.
   *
   * @param name the thing name
   * @param typeId the sensor type
   * @param health whether its readings arrive on time
   * @param lastReading when its newest reading was stored
   * @param expectedInterval how often a reading should arrive
   * @param silentAfter how long without a reading makes it silent
   * @param measures each measure of its type
   * @param certificates its certificates
   * @param alarmsInAlarm its alarms going off
   * @param droppedLast24h readings its board dropped, as reported in the last 24 hours
   */
  public SensorHealth {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(health, "health");
    measures = List.copyOf(measures);
    certificates = List.copyOf(certificates);
    alarmsInAlarm = List.copyOf(alarmsInAlarm);
  }

  /** Whether a sensor's readings arrive as its type says they should. */
  public enum Health {
    /** The newest reading is at most one and a half expected intervals old. */
    ON_TIME,
    /** The next reading is overdue, but the sensor is not yet silent. */
    LATE,
    /** No reading for longer than the sensor's silence window. */
    SILENT,
    /** No reading in the last 30 days. */
    NEVER_SEEN,
    /** Its readings could not be looked for: its type's rule is gone (see the notes). */
    UNKNOWN
  }

  /**
   * One measure of a sensor now and over the last 24 hours.
   *
   * @param measure the measure's name, e.g. {@code temperature}
   * @param unit its unit, as the type declares it, e.g. {@code °C}
   * @param last the newest reading's value, when there is one
   * @param last24h the last 24 hours, oldest first, reduced to at most {@link
   *     FleetHealth#SPARKLINE_POINTS} readings (each time slice's lowest and highest)
   */
  public record MeasureNow(
      String measure, String unit, Optional<BigDecimal> last, List<Reading> last24h) {
    /**
     * Creates the measure's entry; the list is copied.
     *
     * @param measure the measure's name
     * @param unit its unit
     * @param last the newest value
     * @param last24h the last 24 hours, oldest first
     */
    public MeasureNow {
      Objects.requireNonNull(measure, "measure");
      last24h = List.copyOf(last24h);
    }
  }
}
