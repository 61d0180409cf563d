package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.HoldsReadings;
import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.SensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Readings a sensor type left in stores it no longer writes to (after {@code install --store}
 * switched it): found by asking every other store for the type's resources, and kept until the user
 * deletes the readings. A store the account cannot use (Timestream refusing a newer account, a
 * region without the service) simply holds none.
 */
final class EarlierReadings {
  private EarlierReadings() {}

  /** The other stores' resources of the type, each reading as absent where its store is closed. */
  static List<Resource<?>> of(
      AwsClients aws, StoreRegistry stores, SensorType type, ReadingStore active, String database) {
    List<Resource<?>> resources = new ArrayList<>();
    for (ReadingStore store : stores.all()) {
      if (store != active) {
        store.typeResources(aws, database, type).forEach(r -> resources.add(elsewhere(r)));
      }
    }
    return resources;
  }

  /** The other stores' database resources, as above. */
  static List<Resource<?>> databases(
      AwsClients aws, StoreRegistry stores, List<ReadingStore> active, String database) {
    List<Resource<?>> resources = new ArrayList<>();
    for (ReadingStore store : stores.all()) {
      if (!active.contains(store)) {
        store.databaseResources(aws, database).forEach(r -> resources.add(elsewhere(r)));
      }
    }
    return resources;
  }

  /** The resources of those that exist. */
  static List<Resource<?>> present(List<Resource<?>> resources) {
    return resources.stream().filter(r -> ConvergeEngine.read(r).isPresent()).toList();
  }

  private static <A> Resource<A> elsewhere(Resource<A> resource) {
    return new Elsewhere<>(resource);
  }

  /** A resource of a store not in use: one it cannot reach reads as absent, never as a failure. */
  private static final class Elsewhere<A> implements Resource<A>, Deleter<A>, HoldsReadings {
    private final Resource<A> resource;

    Elsewhere(Resource<A> resource) {
      this.resource = resource;
    }

    @Override
    public String kind() {
      return resource.kind();
    }

    @Override
    public String name() {
      return resource.name();
    }

    @Override
    public Optional<A> read() {
      try {
        return ConvergeEngine.read(resource);
      } catch (IotsysException e) {
        if (e.kind() == ErrorKind.ACCESS_DENIED || e.kind() == ErrorKind.UNREACHABLE) {
          return Optional.empty();
        }
        throw e;
      }
    }

    @Override
    public List<String> differences(A actual) {
      return List.of();
    }

    @Override
    public void create() {
      throw new IllegalStateException("iotsys never creates in a store not in use");
    }

    @Override
    public void update(A actual) {
      throw new IllegalStateException("iotsys never changes a store not in use");
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<String> delete(A actual) {
      if (!(resource instanceof Deleter<?>)) {
        throw new IllegalStateException(ConvergeEngine.describe(resource) + " cannot be deleted");
      }
      return ((Deleter<A>) resource).delete(actual);
    }
  }
}
