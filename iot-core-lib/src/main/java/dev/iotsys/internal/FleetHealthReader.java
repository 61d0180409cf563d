package dev.iotsys.internal;

import dev.iotsys.api.AlertsStatus;
import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.FleetHealth;
import dev.iotsys.api.FleetRows;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Reading;
import dev.iotsys.api.SensorHealth;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.internal.alerts.AlertService;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.ReadingTime;
import dev.iotsys.spi.SensorType;
import dev.iotsys.spi.StoredReading;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every sensor at a glance, from reads that do not grow with the fleet where AWS allows it: the
 * sensors as {@code sensor list} reads them (things and certificates in pages), each type's rule
 * once, the alarms in pages; then per sensor its readings from its type's store, a few sensors at a
 * time (no store answers several devices' readings in one call).
 *
 * <p>In one step ({@link #read}) that is each sensor's last 24 hours, whose newest reading is the
 * last value: on DynamoDB one Query of the device's partition, newest first (a day of readings
 * every 5 minutes is about 30 KB, one page), and only for a sensor without a reading that day one
 * more read for its newest. In two steps ({@link #readInSteps}) the first reads each sensor's
 * newest reading alone, so that a page can draw its rows while the second reads the days: where the
 * store keeps every device's newest reading together ({@link
 * dev.iotsys.spi.ReadingStore#newestOfEveryDevice}: one Scan on DynamoDB) that is one read per
 * type, else one small read per sensor.
 */
public final class FleetHealthReader {
  private static final Duration DAY = Duration.ofHours(24);

  /**
   * Stores read at once. Each read waits on the network for tens of milliseconds, so a few in
   * flight make the fleet as many times faster. Eight stay far inside the stores' quotas: a day's
   * Query costs DynamoDB a few read units (one per 8 KB, read eventually consistent), and a new
   * on-demand table serves 12,000 a second at once, 3,000 per partition (each sensor is its own
   * partition); Timestream has no per-second quota on Query, only the account's query compute
   * (MaxQueryTCU), which eight small queries do not approach. No store throttles itself, so the
   * pool is the bound.
   */
  private static final int THREADS = 8;

  private final AwsClients clients;
  private final StoreRegistry stores;
  private final SensorTypeRegistry registry;
  private final Function<Optional<String>, List<SensorInfo>> sensors;
  private final AlertService alerts;

  public FleetHealthReader(
      AwsClients clients,
      StoreRegistry stores,
      SensorTypeRegistry registry,
      Function<Optional<String>, List<SensorInfo>> sensors,
      AlertService alerts) {
    this.clients = clients;
    this.stores = stores;
    this.registry = registry;
    this.sensors = sensors;
    this.alerts = alerts;
  }

  /** The fleet with each sensor's last day, in one step: one read of each sensor's store. */
  public FleetHealth read(IotsysListener listener) {
    return snapshot(listener).complete(true);
  }

  /**
   * The fleet in two steps: first each sensor's newest reading only (one small read of its store),
   * then, when asked, its last day (one more). The first step is what a page draws its rows from;
   * the second fills in the sparklines and dropped counts without reading IoT or the alarms again.
   */
  public FleetRows readInSteps(IotsysListener listener) {
    Snapshot snapshot = snapshot(listener);
    return new FleetRows(snapshot.complete(false), () -> snapshot.complete(true));
  }

  /** What both steps share: the sensors, where each type's readings are, the alarms. */
  private final class Snapshot {
    private final ApiCalls before;
    private final List<SensorInfo> all;
    private final List<String> notes;
    private final Map<String, SensorType> types;
    private final Map<String, SensorReadings.Target> targets;
    private final Map<String, AlertsStatus.SensorAlerts> alarms;

    /** The newest readings the rows step read, by type and device: the day step's fallback. */
    private volatile Map<String, Map<String, List<StoredReading>>> kept = Map.of();

    private Snapshot(
        ApiCalls before,
        List<SensorInfo> all,
        List<String> notes,
        Map<String, SensorType> types,
        Map<String, SensorReadings.Target> targets,
        Map<String, AlertsStatus.SensorAlerts> alarms) {
      this.before = before;
      this.all = all;
      this.notes = notes;
      this.types = types;
      this.targets = targets;
      this.alarms = alarms;
    }

    /**
     * Each sensor's health as of now, with its last day when {@code lastDay}; the calls counted are
     * the snapshot's and this step's.
     */
    FleetHealth complete(boolean lastDay) {
      ApiCalls started = clients.counter().totals();
      Instant now = Instant.now();
      List<String> stepNotes = new ArrayList<>(notes);
      // A sensor without a reading that day takes its newest from the rows step, when there was
      // one, instead of a read of its own.
      Map<String, Map<String, List<StoredReading>>> newest =
          lastDay ? kept : newestOfEveryDevice(stepNotes);
      kept = newest;
      List<SensorHealth> health =
          Parallel.map(
              "iotsys-health",
              THREADS,
              all,
              s ->
                  health(
                      s,
                      types.get(s.typeId()),
                      targets.get(s.typeId()),
                      alarms,
                      now,
                      lastDay,
                      Optional.ofNullable(newest.get(s.typeId())).map(m -> m.get(s.name()))));
      return new FleetHealth(now, health, stepNotes, before.plus(clients.counter().since(started)));
    }

    /**
     * Per type, the newest reading of each of its devices where its store reads them all at once; a
     * store that cannot, or a caller not allowed to, leaves each sensor's to its own read.
     */
    private Map<String, Map<String, List<StoredReading>>> newestOfEveryDevice(
        List<String> stepNotes) {
      Map<String, Map<String, List<StoredReading>>> newest = new HashMap<>();
      for (Map.Entry<String, SensorReadings.Target> e : targets.entrySet()) {
        SensorReadings.Target t = e.getValue();
        try {
          SensorReadings.read(
                  "sensor type " + e.getKey(),
                  () -> t.store().newestOfEveryDevice(clients, t.database(), t.type()))
              .ifPresent(m -> newest.put(e.getKey(), m));
        } catch (IotsysException denied) {
          if (denied.kind() != ErrorKind.ACCESS_DENIED) {
            throw denied;
          }
          stepNotes.add("newest readings read one sensor at a time: " + denied.getMessage());
        }
      }
      return newest;
    }
  }

  private Snapshot snapshot(IotsysListener listener) {
    ApiCalls before = clients.counter().totals();
    List<String> notes = new ArrayList<>();
    List<SensorInfo> all = sensors.apply(Optional.empty());

    Map<String, SensorReadings.Target> targets = new HashMap<>();
    Map<String, SensorType> types = new HashMap<>();
    registry.all().forEach(t -> types.put(t.id(), t));
    for (String typeId : all.stream().map(SensorInfo::typeId).distinct().sorted().toList()) {
      SensorType type = types.get(typeId);
      if (type == null) {
        notes.add(
            "Sensor type "
                + typeId
                + " is not installed here, so its sensors' readings are unknown");
        continue;
      }
      InstalledStore installed = InstalledStore.of(clients, stores, type);
      if (installed.store().isPresent()) {
        targets.put(
            typeId,
            new SensorReadings.Target(
                type, installed.store().get(), installed.database().orElseThrow()));
      } else {
        notes.add(
            "The rule of sensor type "
                + typeId
                + " is gone, so where its readings are is unknown: run 'iotsys install' first");
      }
    }

    Map<String, AlertsStatus.SensorAlerts> alarms = new HashMap<>();
    try {
      alerts
          .status(all.stream().map(s -> new AlertService.SensorRef(s.name(), s.typeId())).toList())
          .sensors()
          .forEach(a -> alarms.put(a.sensor(), a));
    } catch (IotsysException e) {
      if (e.kind() != ErrorKind.ACCESS_DENIED) {
        throw e;
      }
      String note = "alerts not shown: " + e.getMessage();
      notes.add(note);
      listener.onEvent(new IotsysEvent.Note(note));
    }
    return new Snapshot(
        clients.counter().since(before), all, List.copyOf(notes), types, targets, alarms);
  }

  private SensorHealth health(
      SensorInfo s,
      SensorType type,
      SensorReadings.Target target,
      Map<String, AlertsStatus.SensorAlerts> alarms,
      Instant now,
      boolean lastDay,
      Optional<List<StoredReading>> newestKept) {
    Optional<AlertsStatus.SensorAlerts> own = Optional.ofNullable(alarms.get(s.name()));
    List<AlertsStatus.Alarm> inAlarm =
        own.map(a -> a.alarms().stream())
            .orElseGet(java.util.stream.Stream::empty)
            .filter(a -> a.state() == AlertsStatus.AlarmState.ALARM)
            .toList();
    Duration interval = s.expectedInterval();
    Duration silentAfter =
        ReadingHealth.silentAfter(interval, own.flatMap(AlertsStatus.SensorAlerts::silentAfter));
    List<Measure> measures = type == null ? List.of() : type.measures();
    if (target == null) {
      return new SensorHealth(
          s.name(),
          s.typeId(),
          SensorHealth.Health.UNKNOWN,
          Optional.empty(),
          interval,
          silentAfter,
          measures.stream()
              .map(
                  m -> new SensorHealth.MeasureNow(m.name(), m.unit(), Optional.empty(), List.of()))
              .toList(),
          s.certificates(),
          inAlarm,
          0);
    }
    List<Reading> day = lastDay ? read(target, s.name(), DAY, SensorReadings.MAX_LIMIT) : List.of();
    List<Reading> newest;
    if (!day.isEmpty()) {
      newest = day;
    } else if (newestKept.isPresent()) {
      newest = SensorReadings.withUnits(target.type(), newestKept.get());
    } else {
      // Its newest reading: an entry per measure, and its dropped count when it has one.
      newest = read(target, s.name(), ReadingHealth.LOOK_BACK, measures.size() + 1);
    }
    Optional<Instant> last = newest.stream().map(Reading::time).max(Instant::compareTo);
    List<SensorHealth.MeasureNow> now24h = new ArrayList<>();
    for (Measure m : measures) {
      List<Reading> mine =
          day.stream().filter(r -> r.measure().equals(m.name()) && r.value() != null).toList();
      Optional<BigDecimal> value =
          newest.stream()
              .filter(r -> r.measure().equals(m.name()) && last.get().equals(r.time()))
              .map(Reading::value)
              .filter(java.util.Objects::nonNull)
              .findFirst();
      now24h.add(
          new SensorHealth.MeasureNow(
              m.name(), m.unit(), value, MinMaxBuckets.reduce(mine, FleetHealth.SPARKLINE_POINTS)));
    }
    return new SensorHealth(
        s.name(),
        s.typeId(),
        ReadingHealth.of(last, now, interval, silentAfter),
        last,
        interval,
        silentAfter,
        now24h,
        s.certificates(),
        inAlarm,
        dropped(day));
  }

  /** The board's counts of dropped readings, each stored with the reading it came with. */
  private static long dropped(List<Reading> day) {
    return day.stream()
        .filter(r -> r.measure().equals(ReadingTime.DROPPED) && r.value() != null)
        .mapToLong(r -> r.value().longValue())
        .sum();
  }

  private List<Reading> read(SensorReadings.Target t, String sensor, Duration window, int limit) {
    return SensorReadings.withUnits(
        t.type(),
        SensorReadings.read(
            sensor,
            () -> t.store().readings(clients, t.database(), t.type(), sensor, window, limit)));
  }
}
