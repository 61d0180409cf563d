package dev.iotsys.internal;

import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.UninstallOptions;
import dev.iotsys.api.UninstallResult;
import dev.iotsys.internal.alerts.AlertService;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.SensorType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Removes what install created, each type's {@link TypeStack} in reverse: the rule (so nothing
 * writes any more), its role (inline policies first), the log group, the device policy (old
 * versions first), the thing type (deprecate, then delete 5 minutes later), and only when asked,
 * the readings: the tables the rules write to, the type's tables iotsys made in every store and
 * under every database name, and the databases. What holds readings and only carries an iotsys name
 * is left alone (see {@link EarlierReadings}). Before all of it, what alerts made for these types
 * (see {@link AlertService#removals}).
 */
public final class Uninstaller {
  private final AwsClients clients;
  private final StoreRegistry stores;
  private final SensorTypeRegistry registry;
  private final SensorInventory sensors;
  private final AlertService alerts;

  public Uninstaller(
      AwsClients clients,
      StoreRegistry stores,
      SensorTypeRegistry registry,
      SensorInventory sensors,
      AlertService alerts) {
    this.clients = clients;
    this.stores = stores;
    this.registry = registry;
    this.sensors = sensors;
    this.alerts = alerts;
  }

  /** Every sensor type on the class path, then the database. */
  public UninstallResult uninstall(
      String database, UninstallOptions options, IotsysListener listener) {
    Names.database(database);
    return run(database, registry.all(), true, options, listener);
  }

  /**
   * One sensor type; its tables (in every database, {@code database} too when given) only with
   * {@code deleteData}.
   */
  public UninstallResult uninstallType(
      String typeId, String database, UninstallOptions options, IotsysListener listener) {
    if (database != null) {
      Names.database(database);
    }
    SensorType type = registry.get(typeId);
    String db =
        database != null
            ? database
            : InstalledStore.of(clients, stores, type).database().orElse(null);
    return run(db, List.of(type), false, options, listener);
  }

  private UninstallResult run(
      String database,
      List<SensorType> types,
      boolean withDatabase,
      UninstallOptions options,
      IotsysListener listener) {
    ApiCalls before = clients.counter().totals();
    Map<String, List<String>> existing = new TreeMap<>();
    for (SensorType type : types) {
      List<String> names = sensors.sensorsOf(type.id());
      if (!names.isEmpty()) {
        existing.put(type.id(), names);
      }
    }
    List<String> notes = new ArrayList<>();
    if (!existing.isEmpty() && !options.removeSensors()) {
      String refusal =
          "Sensors still exist: "
              + describe(existing)
              + "; remove them first or add --remove-sensors";
      if (!options.dryRun()) {
        throw new IotsysException(ErrorKind.PRECONDITION, refusal);
      }
      // A dry run shows the whole plan, and says what a real run would refuse.
      notes.add("a real run would refuse: " + refusal);
      listener.onEvent(new dev.iotsys.api.IotsysEvent.Note(notes.get(0)));
      existing.clear();
    }
    List<String> removedSensors = new ArrayList<>();
    if (!options.dryRun()) {
      existing.forEach(
          (type, names) -> {
            sensors.remove(type, names, listener);
            removedSensors.addAll(names);
          });
    }
    // What alerts made goes first: the alarms, then the metrics rules before their roles and
    // before the log groups their errors go to; the topic with a whole uninstall.
    List<Resource<?>> removals = new ArrayList<>(alerts.removals(types, withDatabase, listener));
    // The readings: where the rules write (the rule proves them iotsys's), then what iotsys made
    // anywhere else, tables before their databases.
    EarlierReadings earlier = EarlierReadings.find(clients, stores);
    Set<ReadingsTarget> recorded = new LinkedHashSet<>();
    List<Resource<?>> readings = new ArrayList<>();
    for (SensorType type : types) {
      InstalledStore installed = InstalledStore.of(clients, stores, type);
      ReadingStore store = installed.store().orElseGet(stores::defaultStore);
      removals.addAll(
          new TypeStack(clients, clients.iot(), type, store, null)
              .waitingForThingTypes(options.waitForThingTypes())
              .withRuleAsRead(installed.rule())
              .removalOrder());
      installed.target().ifPresent(recorded::add);
      installed.target().ifPresent(t -> readings.addAll(t.typeResources(clients, type)));
      readings.addAll(earlier.ofType(type, installed.target().stream().toList(), database));
    }
    if (withDatabase) {
      for (ReadingsTarget t : recorded) {
        readings.addAll(t.store().databaseResources(clients, t.database()));
      }
      readings.addAll(earlier.databases(recorded, database));
    }
    removals.addAll(readings);
    for (String note : earlier.notes()) {
      notes.add(note);
      listener.onEvent(new dev.iotsys.api.IotsysEvent.Note(note));
    }
    List<ResourceResult> results =
        new ConvergeEngine(listener).remove(removals, options.deleteData(), options.dryRun());
    if (options.dryRun()) {
      existing.values().forEach(removedSensors::addAll);
    }
    return new UninstallResult(
        database,
        options.dryRun(),
        removedSensors,
        results,
        clients.counter().since(before),
        notes);
  }

  private static String describe(Map<String, List<String>> byType) {
    List<String> parts = new ArrayList<>();
    byType.forEach((type, names) -> parts.add(type + ": " + String.join(", ", names)));
    return String.join("; ", parts);
  }
}
