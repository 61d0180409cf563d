package dev.iotsys.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Every sensor of every type at a glance, read without changing anything: what {@code iotsys
 * dashboard} shows as its fleet view.
 *
 * @param asOf when the readings were looked at: each sensor's age is counted to this instant
 * @param sensors every sensor iotsys manages, sorted by name
 * @param notes what could not be shown, one sentence each (alarms that could not be read, a type
 *     whose rule is gone)
 * @param apiCalls the AWS calls it took (all reads)
 */
public record FleetHealth(
    Instant asOf, List<SensorHealth> sensors, List<String> notes, ApiCalls apiCalls) {
  /** The most readings of one measure a sensor's last 24 hours are reduced to. */
  public static final int SPARKLINE_POINTS = 96;

  /**
   * Creates the view; the lists are copied.
   *
   * @param asOf when the readings were looked at
   * @param sensors every sensor, sorted by name
   * @param notes what could not be shown
   * @param apiCalls the AWS calls it took
   */
  public FleetHealth {
    Objects.requireNonNull(asOf, "asOf");
    sensors = List.copyOf(sensors);
    notes = List.copyOf(notes);
  }
}
