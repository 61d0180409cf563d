package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingStats;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.MeasureStats;
import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.SensorType;
import dev.iotsys.spi.StoredReading;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * {@code iotsys data}: a sensor's readings, found through its thing type and its type's rule, which
 * names the store and the database.
 */
public final class SensorReadings {
  /** The most readings {@code data} returns. */
  public static final int MAX_LIMIT = 10_000;

  private final AwsClients clients;
  private final StoreRegistry stores;
  private final SensorTypeRegistry registry;

  public SensorReadings(AwsClients clients, StoreRegistry stores, SensorTypeRegistry registry) {
    this.clients = clients;
    this.stores = stores;
    this.registry = registry;
  }

  /** Readings newest first. */
  public List<Reading> readings(String sensor, Optional<String> database, String since, int limit) {
    Since window = Since.parse(since);
    checkLimit(limit);
    Target t = target(sensor, database);
    return withUnits(
        t.type(),
        read(
            sensor,
            () ->
                t.store()
                    .readings(clients, t.database(), t.type(), sensor, window.duration(), limit)));
  }

  /** Per measure: min, max, average, count and last time over the window. */
  public List<ReadingStats> stats(String sensor, Optional<String> database, String since) {
    Since window = Since.parse(since);
    Target t = target(sensor, database);
    List<MeasureStats> stats =
        read(
            sensor,
            () -> t.store().stats(clients, t.database(), t.type(), sensor, window.duration()));
    return stats.stream()
        .map(
            m ->
                new ReadingStats(
                    m.measure(),
                    m.min(),
                    m.max(),
                    m.average(),
                    m.count(),
                    m.last(),
                    unit(t.type(), m.measure())))
        .toList();
  }

  /** The store's values as readings, each with its measure's unit as the sensor's type says. */
  static List<Reading> withUnits(SensorType type, List<StoredReading> stored) {
    return stored.stream()
        .map(r -> new Reading(r.time(), r.measure(), r.value(), unit(type, r.measure())))
        .toList();
  }

  /** A measure's unit as its type declares it; empty for a measure the type does not have. */
  private static String unit(SensorType type, String measure) {
    return type.measures().stream()
        .filter(m -> m.name().equals(measure))
        .map(Measure::unit)
        .findFirst()
        .orElse("");
  }

  /**
   * The readings of several sensors in the window, for a glance (sparklines): the store of each
   * type found once, the sensors read a few at a time. A sensor whose readings cannot be read is
   * left out: this is decoration, not the command's result.
   *
   * @param sensorTypes each sensor's name and type id
   */
  public java.util.Map<String, List<Reading>> recent(
      java.util.Map<String, String> sensorTypes, String since) {
    Since window = Since.parse(since);
    java.util.Map<String, Target> targets = new java.util.HashMap<>();
    for (String typeId : new java.util.TreeSet<>(sensorTypes.values())) {
      SensorType type = registry.get(typeId);
      InstalledStore installed = InstalledStore.of(clients, stores, type);
      installed
          .store()
          .ifPresent(
              store ->
                  targets.put(typeId, new Target(type, store, installed.database().orElseThrow())));
    }
    List<String> readable =
        sensorTypes.keySet().stream().filter(n -> targets.containsKey(sensorTypes.get(n))).toList();
    List<Optional<List<Reading>>> read =
        Parallel.map(
            "iotsys-recent",
            4,
            readable,
            name -> {
              Target t = targets.get(sensorTypes.get(name));
              try {
                return Optional.of(
                    withUnits(
                        t.type(),
                        read(
                            name,
                            () ->
                                t.store()
                                    .readings(
                                        clients,
                                        t.database(),
                                        t.type(),
                                        name,
                                        window.duration(),
                                        MAX_LIMIT))));
              } catch (IotsysException unreadable) {
                return Optional.empty(); // left out: the caller shows no line for it
              }
            });
    java.util.Map<String, List<Reading>> recent = new java.util.HashMap<>();
    for (int i = 0; i < readable.size(); i++) {
      String name = readable.get(i);
      read.get(i).ifPresent(r -> recent.put(name, r));
    }
    return recent;
  }

  /** Fails on a limit outside 1 to {@link #MAX_LIMIT}: user input, checked before any call. */
  public static int checkLimit(int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "Invalid --limit " + limit + ": use 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  record Target(SensorType type, ReadingStore store, String database) {}

  static <T> T read(String sensor, Supplier<T> query) {
    try {
      return query.get();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "reading the readings of " + sensor);
    }
  }

  Target target(String sensor, Optional<String> database) {
    Names.thingName(sensor);
    database.ifPresent(Names::database);
    DescribeThingResponse thing;
    try {
      thing = clients.iot().describeThing(r -> r.thingName(sensor));
    } catch (ResourceNotFoundException e) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "No sensor named "
              + sensor
              + " in this account and region ('iotsys sensor list' shows them)");
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "reading thing " + sensor);
    }
    String typeId = thing.thingTypeName();
    if (typeId == null) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "Thing " + sensor + " has no thing type, so it is not an iotsys sensor");
    }
    SensorType type = registry.get(typeId);
    InstalledStore installed = InstalledStore.of(clients, stores, type);
    ReadingStore store =
        installed
            .store()
            .orElseThrow(
                () ->
                    new IotsysException(
                        ErrorKind.PRECONDITION,
                        "The rule of sensor type "
                            + typeId
                            + " is gone, so where its readings are is unknown: run 'iotsys install' first"));
    return new Target(type, store, database.or(installed::database).orElseThrow());
  }
}
