package dev.iotsys.internal;

import dev.iotsys.api.AlertsStatus;
import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.SensorHealth;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.api.StatusResult;
import dev.iotsys.api.StatusResult.ResourceStatus;
import dev.iotsys.api.StatusResult.SensorStatus;
import dev.iotsys.api.StatusResult.State;
import dev.iotsys.internal.alerts.AlertService;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.SensorType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code iotsys status}: install's own plan shown as state, so status and install can never
 * disagree about what "converged" means; the readings iotsys made that no rule writes to, in every
 * store and database, kept (drifted when unprotected); each sensor's certificates and newest
 * reading; and the alerts' alarms and pending subscriptions, which never change whether the
 * installation is converged.
 */
public final class StatusReporter {
  private static final String KEPT =
      "readings no rule writes to any more; 'iotsys uninstall --delete-data' deletes them";

  /** How far back status looks for a sensor's newest reading. */
  static final Since READING_WINDOW = Since.parse("30d");

  private final AwsClients clients;
  private final Installer installer;
  private final StoreRegistry stores;
  private final SensorTypeRegistry registry;
  private final Function<Optional<String>, List<SensorInfo>> sensors;
  private final AlertService alerts;

  public StatusReporter(
      AwsClients clients,
      Installer installer,
      StoreRegistry stores,
      SensorTypeRegistry registry,
      Function<Optional<String>, List<SensorInfo>> sensors,
      AlertService alerts) {
    this.clients = clients;
    this.installer = installer;
    this.stores = stores;
    this.registry = registry;
    this.sensors = sensors;
    this.alerts = alerts;
  }

  /**
   * The state; {@code store}, when given, is the store the caller expects (a home's settings): a
   * type not installed is shown on it, one whose rule writes to another is drifted.
   */
  public StatusResult status(String database, Optional<String> store, IotsysListener listener) {
    ApiCalls before = clients.counter().totals();
    Map<SensorType, ReadingsTarget> targets = new LinkedHashMap<>();
    List<ResourceStatus> resources =
        new ArrayList<>(installer.survey(database, store, targets, listener));
    // Readings no rule writes to: every store, every database name iotsys made them under.
    EarlierReadings earlier = EarlierReadings.find(clients, stores);
    List<ReadingsTarget> active = List.copyOf(new LinkedHashSet<>(targets.values()));
    List<Resource<?>> elsewhere = new ArrayList<>();
    for (SensorType type : registry.all()) {
      elsewhere.addAll(earlier.ofType(type, List.of(targets.get(type)), database));
    }
    elsewhere.addAll(earlier.databases(active, database));
    resources.addAll(new ConvergeEngine(listener).surveyKept(elsewhere, KEPT));
    earlier.notes().forEach(n -> listener.onEvent(new IotsysEvent.Note(n)));

    List<SensorInfo> all = sensors.apply(Optional.empty());
    Map<String, Map<String, Instant>> lastByType = new HashMap<>();
    for (SensorType type : registry.all()) {
      List<String> names =
          all.stream().filter(s -> s.typeId().equals(type.id())).map(SensorInfo::name).toList();
      ReadingsTarget target = targets.get(type);
      if (!names.isEmpty() && readable(target, type, resources)) {
        lastByType.put(type.id(), newest(target, type, names));
      }
    }
    Instant now = Instant.now();
    List<SensorStatus> sensorStates =
        all.stream()
            .map(
                s -> {
                  Optional<Instant> last =
                      Optional.ofNullable(
                          lastByType.getOrDefault(s.typeId(), Map.of()).get(s.name()));
                  // Against the sensor's own interval: a board that keeps 6 readings before it
                  // connects is on time with a reading 10 minutes old.
                  SensorHealth.Health health =
                      lastByType.containsKey(s.typeId())
                          ? ReadingHealth.of(
                              last,
                              now,
                              s.expectedInterval(),
                              ReadingHealth.silentAfter(s.expectedInterval(), Optional.empty()))
                          : SensorHealth.Health.UNKNOWN;
                  return SensorStatus.of(s, last, health);
                })
            .toList();
    // Shown beside the state, never part of it: an alarm going off is news, not drift; and a
    // caller who may not read SNS or CloudWatch still gets the installation's state.
    AlertsStatus alertStates;
    try {
      alertStates =
          alerts.status(
              all.stream().map(s -> new AlertService.SensorRef(s.name(), s.typeId())).toList());
    } catch (IotsysException e) {
      if (e.kind() != ErrorKind.ACCESS_DENIED) {
        throw e;
      }
      listener.onEvent(new IotsysEvent.Note("alerts not shown: " + e.getMessage()));
      alertStates = AlertsStatus.disabled();
    }
    return new StatusResult(
        database, resources, sensorStates, alertStates, clients.counter().since(before));
  }

  /** Readings can be asked for when the store's resources of the type exist. */
  private boolean readable(ReadingsTarget target, SensorType type, List<ResourceStatus> resources) {
    List<Resource<?>> needed =
        new ArrayList<>(target.store().databaseResources(clients, target.database()));
    needed.addAll(target.typeResources(clients, type));
    return needed.stream()
        .allMatch(
            n ->
                resources.stream()
                    .anyMatch(
                        r ->
                            r.kind().equals(n.kind())
                                && r.name().equals(n.name())
                                && r.state() != State.MISSING));
  }

  private Map<String, Instant> newest(ReadingsTarget target, SensorType type, List<String> names) {
    try {
      return target
          .store()
          .newestReadings(clients, target.database(), type, names, READING_WINDOW.duration());
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "reading the newest readings of the " + type.id() + " sensors");
    }
  }
}
