package dev.iotsys.internal;

import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.UninstallOptions;
import dev.iotsys.api.UninstallResult;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.engine.AwsResource;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.internal.engine.ConvergeEngine.Removal;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.internal.iam.RuleRoleResource;
import dev.iotsys.internal.iot.IotPolicyResource;
import dev.iotsys.internal.iot.ThingTypeResource;
import dev.iotsys.internal.iot.TopicRuleResource;
import dev.iotsys.internal.logs.LogGroupResource;
import dev.iotsys.internal.storage.ReadingStore;
import dev.iotsys.spi.SensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Removes what install created, dependants first: the rule (so nothing writes any more), its role
 * (inline policies first), the log group, the device policy (old versions first), the thing type
 * (deprecate, then delete 5 minutes later), and only when asked, the tables and the database.
 */
public final class Uninstaller {
  private final AwsClients clients;
  private final ReadingStore store;
  private final SensorTypeRegistry registry;
  private final SensorInventory sensors;

  public Uninstaller(AwsClients clients, ReadingStore store, SensorTypeRegistry registry,
      SensorInventory sensors) {
    this.clients = clients;
    this.store = store;
    this.registry = registry;
    this.sensors = sensors;
  }

  /** Every sensor type on the class path, then the database. */
  public UninstallResult uninstall(String database, UninstallOptions options,
      IotsysListener listener) {
    Names.database(database);
    return run(database, registry.all(), true, options, listener);
  }

  /** One sensor type; its table only with {@code deleteData}, and only when the database is known. */
  public UninstallResult uninstallType(String typeId, String database, UninstallOptions options,
      IotsysListener listener) {
    if (database != null) {
      Names.database(database);
    }
    SensorType type = registry.get(typeId);
    String db = database != null ? database : RuleDatabase.of(clients, type).orElse(null);
    if (db == null && options.deleteData()) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "The rule of " + typeId
          + " is gone, so its database is unknown: name it with --db to delete its table");
    }
    return run(db, List.of(type), false, options, listener);
  }

  private UninstallResult run(String database, List<SensorType> types, boolean withDatabase,
      UninstallOptions options, IotsysListener listener) {
    ApiCalls before = clients.counter().totals();
    Map<String, List<String>> existing = new TreeMap<>();
    for (SensorType type : types) {
      List<String> names = sensors.sensorsOf(type.id());
      if (!names.isEmpty()) {
        existing.put(type.id(), names);
      }
    }
    if (!existing.isEmpty() && !options.removeSensors()) {
      throw new IotsysException(ErrorKind.PRECONDITION, "Sensors still exist: "
          + describe(existing) + "; remove them first or add --remove-sensors");
    }
    List<String> removedSensors = new ArrayList<>();
    if (!options.dryRun()) {
      existing.forEach((type, names) -> {
        sensors.remove(type, names, listener);
        removedSensors.addAll(names);
      });
    }
    List<Removal> removals = new ArrayList<>();
    for (SensorType type : types) {
      removals.addAll(typeRemovals(database, type, options));
    }
    if (withDatabase) {
      removals.add(new Removal(store.database(database), !options.deleteData()));
    }
    List<ResourceResult> results =
        new ConvergeEngine(listener).remove(removals, options.dryRun());
    if (options.dryRun()) {
      existing.values().forEach(removedSensors::addAll);
    }
    return new UninstallResult(database, options.dryRun(), removedSensors, results,
        clients.counter().since(before));
  }

  private List<Removal> typeRemovals(String database, SensorType type, UninstallOptions options) {
    TypeNames names = new TypeNames(type.id());
    List<Removal> removals = new ArrayList<>(List.of(
        new Removal(new TopicRuleResource(clients.iot(), names.topicRule(), null), false),
        new Removal(new RuleRoleResource(clients.iam(), names.ruleRole(), null,
            names.ruleRolePolicy(), null), false),
        new Removal(new LogGroupResource(clients.logs(), names.errorLogGroup(), 0), false),
        new Removal(new IotPolicyResource(clients.iot(), names.devicePolicy(), null), false),
        new Removal(new ThingTypeResource(clients.iot(), names.thingType(), type.description(),
            options.waitForThingTypes()), false)));
    if (database != null) {
      AwsResource<?> table = store.table(database, type, names);
      removals.add(new Removal(table, !options.deleteData()));
    }
    return removals;
  }

  private static String describe(Map<String, List<String>> byType) {
    List<String> parts = new ArrayList<>();
    byType.forEach((type, names) -> parts.add(type + ": " + String.join(", ", names)));
    return String.join("; ", parts);
  }
}
