package dev.iotsys.internal;

import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.InstallOptions;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.StatusResult.ResourceStatus;
import dev.iotsys.api.StatusResult.State;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.internal.engine.TypeNames;
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
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Converges each sensor type's {@link TypeStack} on its target, after the resources the stores in
 * use share (a Timestream database). A type stays where its rule writes, unless the store is named;
 * a type not installed yet goes to the default store given, else iotsys's. Pointing an installed
 * type at another store or database is a move: refused before any write unless asked for, and
 * ordered so that readings are stored in every state a run leaves (see {@link
 * TypeStack#movingFrom}). The readings a type left elsewhere stay, protected, and are reported.
 */
public final class Installer {
  private static final String KEPT =
      "readings no rule writes to any more; 'iotsys uninstall --delete-data' deletes them";

  private final AwsClients clients;
  private final StoreRegistry stores;
  private final SensorTypeRegistry registry;

  public Installer(AwsClients clients, StoreRegistry stores, SensorTypeRegistry registry) {
    this.clients = clients;
    this.stores = stores;
    this.registry = registry;
  }

  /** The database and every sensor type on the class path. */
  public InstallResult install(String database, InstallOptions options, IotsysListener listener) {
    return run(database, registry.all(), options, true, listener);
  }

  /** One sensor type, on a database that must exist already. */
  public InstallResult installType(
      String typeId, String database, InstallOptions options, IotsysListener listener) {
    Names.database(database);
    return run(database, List.of(registry.get(typeId)), options, false, listener);
  }

  /**
   * One type's place: where its rule writes now, if anywhere, and where it will.
   *
   * @param installed the rule as read
   * @param target where the readings go after the run
   */
  private record Plan(SensorType type, InstalledStore installed, ReadingsTarget target) {
    Optional<ReadingsTarget> was() {
      return installed.target();
    }

    boolean moves() {
      return was().isPresent() && !was().get().equals(target);
    }
  }

  private InstallResult run(
      String database,
      List<SensorType> types,
      InstallOptions options,
      boolean withDatabase,
      IotsysListener listener) {
    Names.database(database);
    Optional<ReadingStore> named = options.store().map(stores::get);
    Optional<ReadingStore> fallback = options.defaultStore().map(stores::get);
    named.ifPresent(s -> types.forEach(t -> s.validate(database, t)));
    boolean dryRun = options.dryRun();
    ApiCalls before = clients.counter().totals();
    clients.account();
    IotClient iot = dryRun ? clients.iot() : clients.iotWithPatch();

    List<Plan> plans = new ArrayList<>();
    for (SensorType type : types) {
      InstalledStore installed = InstalledStore.of(clients.iot(), stores, type);
      ReadingStore store =
          named.or(installed::store).or(() -> fallback).orElseGet(stores::defaultStore);
      if (named.isEmpty()) {
        store.validate(database, type);
      }
      plans.add(new Plan(type, installed, new ReadingsTarget(store, database)));
    }
    if (!options.move()) {
      refuseMoves(plans);
    }

    EarlierReadings earlier = EarlierReadings.find(clients, stores);
    Set<ReadingStore> used = new LinkedHashSet<>();
    plans.forEach(p -> used.add(p.target().store()));
    List<Resource<?>> resources = new ArrayList<>();
    for (ReadingStore store : used) {
      List<Resource<?>> shared = store.databaseResources(clients, database);
      if (withDatabase) {
        resources.addAll(shared);
      } else {
        requireExists(store, shared, database, plans);
      }
    }
    List<Resource<?>> leaving = new ArrayList<>();
    for (Plan p : plans) {
      TypeStack stack =
          new TypeStack(clients, iot, p.type(), p.target().store(), database)
              .withRuleAsRead(p.installed().rule());
      if (p.moves()) {
        ReadingsTarget was = p.was().get();
        stack.movingFrom(was);
        leaving.addAll(was.typeResources(clients, p.type()));
        if (withDatabase) {
          leaving.addAll(was.store().databaseResources(clients, was.database()));
        }
      }
      resources.addAll(stack.all());
    }
    ConvergeEngine engine = new ConvergeEngine(listener);
    // While the rule still writes there, the rule proves the readings iotsys's: what proves it
    // without the rule (a tag) goes on them first, and their protection stays.
    List<ResourceResult> results = new ArrayList<>(engine.keep(distinct(leaving), dryRun, KEPT));
    results.addAll(engine.converge(resources, dryRun));
    for (Plan p : plans) {
      List<ReadingsTarget> except = new ArrayList<>(List.of(p.target()));
      p.was().ifPresent(except::add);
      results.addAll(engine.keep(earlier.ofType(p.type(), except, database), dryRun, KEPT));
    }
    Map<String, String> storeByType = new LinkedHashMap<>();
    plans.forEach(p -> storeByType.put(p.type().id(), p.target().store().id()));
    return new InstallResult(
        database, storeByType, dryRun, results, clients.counter().since(before));
  }

  /**
   * What status shows of the resources install manages: install's plan told as state, each type
   * where its rule writes (else on {@code defaultStore}), refusing nothing; a type whose rule
   * writes elsewhere than {@code database} (and {@code defaultStore}, when given) has its rule
   * drifted with where it writes.
   *
   * @param targets filled with each type's target
   */
  List<ResourceStatus> survey(
      String database,
      Optional<String> defaultStore,
      Map<SensorType, ReadingsTarget> targets,
      IotsysListener listener) {
    Names.database(database);
    Optional<ReadingStore> expected = defaultStore.map(stores::get);
    clients.account();
    List<Resource<?>> resources = new ArrayList<>();
    Set<ReadingsTarget> shared = new LinkedHashSet<>();
    Map<String, String> strays = new LinkedHashMap<>();
    List<TypeStack> stacks = new ArrayList<>();
    for (SensorType type : registry.all()) {
      InstalledStore installed = InstalledStore.of(clients.iot(), stores, type);
      ReadingsTarget wanted =
          new ReadingsTarget(expected.orElseGet(stores::defaultStore), database);
      ReadingsTarget target = installed.target().orElse(wanted);
      targets.put(type, target);
      shared.add(target);
      if (!target.database().equals(database)
          || (expected.isPresent() && target.store() != expected.get())) {
        strays.put(
            new TypeNames(type.id()).topicRule(),
            "writes to "
                + target.describe(clients, type)
                + ", not to "
                + wanted.describe(clients, type)
                + " as expected here: 'iotsys install --db "
                + target.database()
                + " --move' makes this home follow it; 'iotsys install --db "
                + database
                + (expected.isPresent() ? " --store " + expected.get().id() : "")
                + " --move' moves it back");
      }
      stacks.add(
          new TypeStack(clients, clients.iot(), type, target.store(), target.database())
              .withRuleAsRead(installed.rule()));
    }
    for (ReadingsTarget t : shared) {
      resources.addAll(t.store().databaseResources(clients, t.database()));
    }
    stacks.forEach(s -> resources.addAll(s.all()));
    List<ResourceStatus> states = new ArrayList<>();
    for (ResourceStatus s : new ConvergeEngine(listener).survey(resources)) {
      String stray = s.kind().equals("iot-topic-rule") ? strays.get(s.name()) : null;
      if (stray != null && s.state() != State.MISSING) {
        List<String> differences = new ArrayList<>(List.of(stray));
        differences.addAll(s.differences());
        s = new ResourceStatus(s.kind(), s.name(), State.DRIFTED, differences, s.readings());
      }
      states.add(s);
    }
    return states;
  }

  /** A type installed on one target is pointed at another only as a move the caller asked for. */
  private void refuseMoves(List<Plan> plans) {
    List<String> moves = new ArrayList<>();
    for (Plan p : plans) {
      if (p.moves()) {
        ReadingsTarget was = p.was().get();
        moves.add(
            "the readings of "
                + p.type().id()
                + " go to "
                + was.describe(clients, p.type())
                + "; this install would send new ones to "
                + p.target().describe(clients, p.type())
                + " instead");
      }
    }
    if (!moves.isEmpty()) {
      ReadingsTarget was = plans.stream().filter(Plan::moves).findFirst().get().was().get();
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          capitalized(String.join("; ", moves))
              + ": add --move to move them (the earlier readings stay), or keep them where they"
              + " are with --db "
              + was.database()
              + " --store "
              + was.store().id());
    }
  }

  /**
   * A type alone goes on an existing database: its store's database resources exist, or, for a
   * store without any (DynamoDB), iotsys made a table of it.
   */
  private void requireExists(
      ReadingStore store, List<Resource<?>> shared, String database, List<Plan> plans) {
    ReadingsTarget target = new ReadingsTarget(store, database);
    if (shared.isEmpty()) {
      // Asked of the store itself: a listing it may not make is a failure here, not "none".
      boolean exists =
          plans.stream().anyMatch(p -> p.was().equals(Optional.of(target)))
              || listed(store).contains(database);
      if (!exists) {
        throw new IotsysException(
            ErrorKind.PRECONDITION,
            "The "
                + store.id()
                + " database "
                + database
                + " does not exist (it exists once 'iotsys install --db "
                + database
                + " --store "
                + store.id()
                + "' made its tables): run that first, or name an existing database");
      }
      return;
    }
    for (Resource<?> r : shared) {
      if (ConvergeEngine.read(r).isEmpty()) {
        throw new IotsysException(
            ErrorKind.PRECONDITION,
            capitalized(r.kind().replace('-', ' '))
                + " "
                + r.name()
                + " does not exist: run 'iotsys install --db "
                + database
                + "' first, or name an"
                + " existing database");
      }
    }
  }

  private List<String> listed(ReadingStore store) {
    try {
      return store.databases(clients);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "listing the databases of store " + store.id());
    }
  }

  /** The same resource (kind and name) once, where a list could name it twice. */
  private static List<Resource<?>> distinct(List<Resource<?>> resources) {
    Map<String, Resource<?>> once = new LinkedHashMap<>();
    resources.forEach(r -> once.putIfAbsent(ConvergeEngine.describe(r), r));
    return List.copyOf(once.values());
  }

  private static String capitalized(String words) {
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
