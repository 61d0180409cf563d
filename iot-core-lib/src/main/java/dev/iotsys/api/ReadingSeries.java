package dev.iotsys.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A sensor's readings over a window, reduced for drawing: per measure at most a given number of
 * points, each a stored reading (a time slice's lowest and highest, so that a spike survives), with
 * the statistics of every reading of the window.
 *
 * @param sensor the thing name
 * @param typeId its sensor type
 * @param from the window's start (exclusive)
 * @param to the window's end (inclusive)
 * @param read how many stored values (a measure of a reading each) the window held and were read
 * @param truncated true when the window held more than {@link #MAX_VALUES} values: only the newest
 *     were read
 * @param measures each measure of the type, in the type's order
 * @param newest the newest readings of the window, newest first: every measure of the last {@link
 *     #NEWEST} reading times
 * @param apiCalls the AWS calls it took (all reads)
 */
public record ReadingSeries(
    String sensor,
    String typeId,
    Instant from,
    Instant to,
    long read,
    boolean truncated,
    List<MeasureSeries> measures,
    List<Reading> newest,
    ApiCalls apiCalls) {
  /** The most values one window reads; a longer window shows its newest part. */
  public static final int MAX_VALUES = 1_000_000;

  /** How many of the newest reading times {@link #newest()} holds. */
  public static final int NEWEST = 10;

  /**
   * Creates the series; the lists are copied.
   *
   * @param sensor the thing name
   * @param typeId its sensor type
   * @param from the window's start
   * @param to the window's end
   * @param read how many values were read
   * @param truncated whether the window held more than could be read
   * @param measures each measure of the type
   * @param newest the newest readings, newest first
   * @param apiCalls the AWS calls it took
   */
  public ReadingSeries {
    Objects.requireNonNull(sensor, "sensor");
    measures = List.copyOf(measures);
    newest = List.copyOf(newest);
  }

  /**
   * One measure over the window.
   *
   * @param measure the measure's name
   * @param unit its unit, as the type declares it
   * @param stats minimum, maximum, average and count of every value of the window, not only of the
   *     points
   * @param points the readings to draw, oldest first: all of them when they fit, else each time
   *     slice's lowest and highest
   * @param reduced whether {@code points} is a selection
   */
  public record MeasureSeries(
      String measure, String unit, ReadingStats stats, List<Reading> points, boolean reduced) {
    /**
     * Creates the measure's series; the list is copied.
     *
     * @param measure the measure's name
     * @param unit its unit
     * @param stats the statistics of every value of the window
     * @param points the readings to draw, oldest first
     * @param reduced whether the points are a selection
     */
    public MeasureSeries {
      Objects.requireNonNull(measure, "measure");
      points = List.copyOf(points);
    }
  }
}
