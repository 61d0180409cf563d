package dev.iotsys.api;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The fleet read in two steps, for a page that draws its rows before its sparklines: {@link
 * #rows()} is each sensor's health and newest values, read already; {@link #lastDay()} reads each
 * sensor's last 24 hours the first time it is asked, without reading the things, certificates,
 * rules or alarms again.
 */
public final class FleetRows {
  private final FleetHealth rows;
  private final Supplier<FleetHealth> lastDay;
  private FleetHealth read;

  /**
   * The first step, read, and the second, to read when asked.
   *
   * @param rows every sensor with its newest values: no last 24 hours and no dropped count
   * @param lastDay reads the same sensors again with their last 24 hours
   */
  public FleetRows(FleetHealth rows, Supplier<FleetHealth> lastDay) {
    this.rows = Objects.requireNonNull(rows, "rows");
    this.lastDay = Objects.requireNonNull(lastDay, "lastDay");
  }

  /**
   * Every sensor with its health and newest values; each {@link SensorHealth.MeasureNow#last24h()}
   * is empty and {@link SensorHealth#droppedLast24h()} is 0 until {@link #lastDay()}.
   *
   * @return the first step, with the calls it took
   */
  public FleetHealth rows() {
    return rows;
  }

  /**
   * The same sensors, read again with their last 24 hours, as {@link Iotsys#fleetHealth} reads
   * them; read once, the first time it is asked.
   *
   * @return the fleet with its sparklines, with the calls a one-step read makes: the first step's
   *     IoT and alarm reads and this step's store reads
   */
  public synchronized FleetHealth lastDay() {
    if (read == null) {
      read = lastDay.get();
    }
    return read;
  }
}
