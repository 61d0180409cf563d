package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.HoldsReadings;
import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.SensorType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Readings iotsys made that no rule writes to any more: a type's tables in every store and under
 * every database name, and the databases, found by asking each store which databases it has (once
 * per command) and reading the type's resources in each. Only what {@link
 * HoldsReadings#madeByIotsys} proves iotsys's is returned, so a table someone made under an iotsys
 * name is never shown as iotsys's or deleted; one under the command's own database name is told as
 * a note. A store the account cannot use (Timestream refusing a newer account, a region without the
 * service) simply holds none.
 */
final class EarlierReadings {
  private final AwsClients aws;
  private final StoreRegistry stores;
  private final Map<ReadingStore, List<String>> databases = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  private EarlierReadings(AwsClients aws, StoreRegistry stores) {
    this.aws = aws;
    this.stores = stores;
  }

  /**
   * Finds them in the stores: each is asked for its databases once, when first needed (see {@link
   * ReadingStore#databases}).
   */
  static EarlierReadings find(AwsClients aws, StoreRegistry stores) {
    return new EarlierReadings(aws, stores);
  }

  private List<String> databasesOf(ReadingStore store) {
    return databases.computeIfAbsent(
        store,
        s ->
            reachable(
                () -> s.databases(aws), List.of(), "listing the databases of store " + s.id()));
  }

  /**
   * The type's resources that hold readings, in every store and database but the given targets,
   * that exist and iotsys made; {@code database}, the command's, is looked in too.
   */
  List<Resource<?>> ofType(SensorType type, Collection<ReadingsTarget> except, String database) {
    return found(except, database, t -> t.typeResources(aws, type));
  }

  /** The stores' database resources, as {@link #ofType} finds the tables. */
  List<Resource<?>> databases(Collection<ReadingsTarget> except, String database) {
    return found(except, database, t -> t.store().databaseResources(aws, t.database()));
  }

  /** What was found under the command's database name that iotsys did not make, one line each. */
  List<String> notes() {
    return List.copyOf(notes);
  }

  private List<Resource<?>> found(
      Collection<ReadingsTarget> except,
      String database,
      Function<ReadingsTarget, List<Resource<?>>> resources) {
    List<Resource<?>> found = new ArrayList<>();
    for (ReadingStore store : stores.all()) {
      TreeSet<String> names = new TreeSet<>(databasesOf(store));
      if (database != null) {
        names.add(database);
      }
      for (String name : names) {
        ReadingsTarget target = new ReadingsTarget(store, name);
        if (except.contains(target)) {
          continue;
        }
        for (Resource<?> r : resources.apply(target)) {
          Elsewhere<?> elsewhere = new Elsewhere<>(r);
          if (elsewhere.exists()) {
            if (elsewhere.madeByIotsys()) {
              found.add(elsewhere);
            } else if (name.equals(database)) {
              String note =
                  "left alone: "
                      + ConvergeEngine.describe(r)
                      + " was not made by iotsys (its keys or its missing managedBy=iotsys tag"
                      + " say so), so iotsys never changes or deletes it";
              if (!notes.contains(note)) {
                notes.add(note);
              }
            }
          }
        }
      }
    }
    return found;
  }

  /** The value, or {@code otherwise} when the store's service refuses the account or is absent. */
  private static <T> T reachable(Supplier<T> call, T otherwise, String doing) {
    try {
      return call.get();
    } catch (SdkException e) {
      return unlessClosed(AwsErrors.translate(e, doing), otherwise);
    } catch (IotsysException e) {
      return unlessClosed(e, otherwise);
    }
  }

  private static <T> T unlessClosed(IotsysException e, T otherwise) {
    if (e.kind() == ErrorKind.ACCESS_DENIED || e.kind() == ErrorKind.UNREACHABLE) {
      return otherwise;
    }
    throw e;
  }

  /**
   * A resource of a store or database not in use, read once: one its service refuses reads as
   * absent, never as a failure.
   */
  private static final class Elsewhere<A> implements Resource<A>, Deleter<A>, HoldsReadings<A> {
    private final Resource<A> resource;
    private Optional<A> read;

    Elsewhere(Resource<A> resource) {
      if (!(resource instanceof HoldsReadings<?>) || !(resource instanceof Deleter<?>)) {
        throw new IllegalArgumentException(
            ConvergeEngine.describe(resource) + " must hold readings and be deletable");
      }
      this.resource = resource;
    }

    boolean exists() {
      return read().isPresent();
    }

    boolean madeByIotsys() {
      return madeByIotsys(read().orElseThrow());
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
      if (read == null) {
        read =
            reachable(
                () -> ConvergeEngine.read(resource),
                Optional.empty(),
                "reading " + ConvergeEngine.describe(resource));
      }
      return read;
    }

    @Override
    public List<String> differences(A actual) {
      return keepDifferences(actual);
    }

    @Override
    public void create() {
      throw new IllegalStateException("iotsys never creates in a store not in use");
    }

    @Override
    public void update(A actual) {
      keep(actual);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<String> delete(A actual) {
      return ((Deleter<A>) resource).delete(actual);
    }

    @SuppressWarnings("unchecked")
    private HoldsReadings<A> holder() {
      return (HoldsReadings<A>) resource;
    }

    @Override
    public boolean madeByIotsys(A actual) {
      return holder().madeByIotsys(actual);
    }

    @Override
    public List<String> keepDifferences(A actual) {
      return holder().keepDifferences(actual);
    }

    @Override
    public void keep(A actual) {
      holder().keep(actual);
    }

    @Override
    public OptionalLong readingCount(A actual) {
      return holder().readingCount(actual);
    }
  }
}
