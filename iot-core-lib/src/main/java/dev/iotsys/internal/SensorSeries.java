package dev.iotsys.internal;

import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingSeries;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.spi.Measure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A sensor's readings between two instants, whole or reduced for a chart. A store reads back from
 * now, so the window is read from its start to now and what lies after its end is dropped.
 */
public final class SensorSeries {
  /** The fewest and the most points a chart may ask for per measure. */
  static final int MIN_POINTS = 2;

  static final int MAX_POINTS = 10_000;

  private final AwsClients clients;
  private final SensorReadings readings;

  public SensorSeries(AwsClients clients, SensorReadings readings) {
    this.clients = clients;
    this.readings = readings;
  }

  /** The readings of the window, newest first, at most {@code limit} values. */
  public List<Reading> window(
      String sensor, Optional<String> database, Instant from, Instant to, int limit) {
    if (limit < 1 || limit > ReadingSeries.MAX_VALUES) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid limit " + limit + ": use 1 to " + ReadingSeries.MAX_VALUES);
    }
    Instant now = Instant.now();
    check(from, to, now);
    return read(readings.target(sensor, database), sensor, from, to, now, limit);
  }

  /** Each measure's readings of the window, reduced to at most {@code maxPoints}, and stats. */
  public ReadingSeries series(
      String sensor, Optional<String> database, Instant from, Instant to, int maxPoints) {
    if (maxPoints < MIN_POINTS || maxPoints > MAX_POINTS) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid number of points " + maxPoints + ": use " + MIN_POINTS + " to " + MAX_POINTS);
    }
    ApiCalls before = clients.counter().totals();
    Instant now = Instant.now();
    check(from, to, now);
    SensorReadings.Target t = readings.target(sensor, database);
    List<Reading> all = read(t, sensor, from, to, now, ReadingSeries.MAX_VALUES);
    Map<String, List<Reading>> byMeasure = new LinkedHashMap<>();
    t.type().measures().forEach(m -> byMeasure.put(m.name(), new ArrayList<>()));
    for (Reading r : all) {
      List<Reading> mine = byMeasure.get(r.measure());
      if (mine != null && r.value() != null) {
        mine.add(r);
      }
    }
    List<ReadingSeries.MeasureSeries> measures = new ArrayList<>();
    for (Measure m : t.type().measures()) {
      List<Reading> mine = byMeasure.get(m.name());
      List<Reading> points = MinMaxBuckets.reduce(mine, maxPoints);
      measures.add(
          new ReadingSeries.MeasureSeries(
              m.name(),
              m.unit(),
              MinMaxBuckets.stats(m.name(), mine),
              points,
              points.size() < mine.size()));
    }
    return new ReadingSeries(
        sensor,
        t.type().id(),
        from,
        to,
        all.size(),
        all.size() >= ReadingSeries.MAX_VALUES,
        measures,
        newest(all, ReadingSeries.NEWEST),
        clients.counter().since(before));
  }

  /** Every value of the newest {@code times} reading times; the readings come newest first. */
  static List<Reading> newest(List<Reading> newestFirst, int times) {
    TreeSet<Instant> seen = new TreeSet<>();
    List<Reading> newest = new ArrayList<>();
    for (Reading r : newestFirst) {
      if (!seen.contains(r.time()) && seen.size() == times) {
        break;
      }
      seen.add(r.time());
      newest.add(r);
    }
    return newest;
  }

  private List<Reading> read(
      SensorReadings.Target t, String sensor, Instant from, Instant to, Instant now, int limit) {
    Duration back = Duration.between(from, now);
    List<Reading> read =
        SensorReadings.withUnits(
            t.type(),
            SensorReadings.read(
                sensor,
                () -> t.store().readings(clients, t.database(), t.type(), sensor, back, limit)));
    return read.stream().filter(r -> r.time().isAfter(from) && !r.time().isAfter(to)).toList();
  }

  /** A window a store can answer: its start before its end and now, at most 3650 days back. */
  static void check(Instant from, Instant to, Instant now) {
    if (from == null || to == null) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "A window needs a start and an end");
    }
    if (!from.isBefore(to)) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid window: its start " + from + " is not before its end " + to);
    }
    if (!from.isBefore(now.minus(Since.MIN))) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid window: its start " + from + " is not at least a minute in the past");
    }
    if (from.isBefore(now.minus(Since.MAX))) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid window: its start " + from + " is more than 3650 days ago");
    }
  }
}
