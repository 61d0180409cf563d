package dev.iotsys.internal;

import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.SensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Converges each sensor type's {@link TypeStack} on its store, after the resources the stores in
 * use share (a Timestream database). The store is the one named, else the one the type's rule
 * writes to, else the default; switching a type to another store keeps the readings of the earlier
 * one and says so.
 */
public final class Installer {
  private final AwsClients clients;
  private final StoreRegistry stores;
  private final SensorTypeRegistry registry;

  public Installer(AwsClients clients, StoreRegistry stores, SensorTypeRegistry registry) {
    this.clients = clients;
    this.stores = stores;
    this.registry = registry;
  }

  /** The database and every sensor type on the class path. */
  public InstallResult install(
      String database, String storeId, boolean dryRun, IotsysListener listener) {
    return run(database, registry.all(), storeId, true, dryRun, listener);
  }

  /** One sensor type, on a database that must exist already. */
  public InstallResult installType(
      String typeId, String database, String storeId, boolean dryRun, IotsysListener listener) {
    Names.database(database);
    return run(database, List.of(registry.get(typeId)), storeId, false, dryRun, listener);
  }

  private record Plan(SensorType type, ReadingStore store, InstalledStore installed) {}

  private InstallResult run(
      String database,
      List<SensorType> types,
      String storeId,
      boolean withDatabase,
      boolean dryRun,
      IotsysListener listener) {
    Names.database(database);
    Optional<ReadingStore> named = Optional.ofNullable(storeId).map(stores::get);
    named.ifPresent(s -> types.forEach(t -> s.validate(database, t)));
    ApiCalls before = clients.counter().totals();
    clients.account();
    IotClient iot = dryRun ? clients.iot() : clients.iotWithPatch();

    List<Plan> plans = new ArrayList<>();
    for (SensorType type : types) {
      InstalledStore installed = InstalledStore.of(clients.iot(), stores, type);
      ReadingStore store = named.or(installed::store).orElseGet(stores::defaultStore);
      if (named.isEmpty()) {
        store.validate(database, type);
      }
      plans.add(new Plan(type, store, installed));
    }

    Set<ReadingStore> used = new LinkedHashSet<>();
    plans.forEach(p -> used.add(p.store()));
    List<Resource<?>> resources = new ArrayList<>();
    for (ReadingStore store : used) {
      List<Resource<?>> shared = store.databaseResources(clients, database);
      if (withDatabase) {
        resources.addAll(shared);
      } else {
        requireExists(shared, database);
      }
    }
    for (Plan p : plans) {
      resources.addAll(
          new TypeStack(clients, iot, p.type(), p.store(), database)
              .withRuleAsRead(p.installed().rule())
              .all());
    }
    ConvergeEngine engine = new ConvergeEngine(listener);
    List<ResourceResult> results = new ArrayList<>(engine.converge(resources, dryRun));
    for (Plan p : plans) {
      results.addAll(earlier(p, database, listener));
    }
    Map<String, String> storeByType = new LinkedHashMap<>();
    plans.forEach(p -> storeByType.put(p.type().id(), p.store().id()));
    return new InstallResult(
        database, storeByType, dryRun, results, clients.counter().since(before));
  }

  /** A type moved to another store or database keeps its earlier readings: reported as KEPT. */
  private List<ResourceResult> earlier(Plan p, String database, IotsysListener listener) {
    InstalledStore was = p.installed();
    if (was.store().isEmpty()
        || (was.store().get() == p.store() && was.database().get().equals(database))) {
      return List.of();
    }
    List<ResourceResult> kept = new ArrayList<>();
    for (Resource<?> r : was.store().get().typeResources(clients, was.database().get(), p.type())) {
      if (ConvergeEngine.read(r).isPresent()) {
        ResourceResult result =
            new ResourceResult(
                r.kind(),
                r.name(),
                Outcome.KEPT,
                List.of(
                    "the readings "
                        + p.type().id()
                        + " stored before; 'iotsys uninstall"
                        + " --delete-data' deletes them"));
        listener.onEvent(new IotsysEvent.Converged(result));
        kept.add(result);
      }
    }
    return kept;
  }

  private static void requireExists(List<Resource<?>> shared, String database) {
    for (Resource<?> r : shared) {
      if (ConvergeEngine.read(r).isEmpty()) {
        throw new IotsysException(
            ErrorKind.PRECONDITION,
            capitalized(r.kind())
                + " "
                + r.name()
                + " does not exist: run 'iotsys install --db "
                + database
                + "' first, or name an"
                + " existing database");
      }
    }
  }

  private static String capitalized(String kind) {
    String words = kind.replace('-', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
