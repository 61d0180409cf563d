package dev.iotsys.store.timestream;

import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.HoldsReadings;
import dev.iotsys.spi.Resource;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Database;
import software.amazon.awssdk.services.timestreamwrite.model.ResourceNotFoundException;

/** A Timestream database. Nothing about it can drift that iotsys sets. */
final class TimestreamDatabaseResource
    implements Resource<Database>, Deleter<Database>, HoldsReadings {
  private final TimestreamWriteClient timestream;
  private final String name;

  TimestreamDatabaseResource(TimestreamWriteClient timestream, String name) {
    this.timestream = timestream;
    this.name = name;
  }

  @Override
  public String kind() {
    return "timestream-database";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<Database> read() {
    return TimestreamCalls.call(
        "reading timestream-database " + name,
        () -> {
          try {
            return Optional.of(timestream.describeDatabase(r -> r.databaseName(name)).database());
          } catch (ResourceNotFoundException e) {
            return Optional.empty();
          }
        });
  }

  @Override
  public List<String> differences(Database actual) {
    return List.of();
  }

  @Override
  public void create() {
    TimestreamCalls.run(
        "creating timestream-database " + name,
        () -> timestream.createDatabase(r -> r.databaseName(name)));
  }

  @Override
  public void update(Database actual) {
    throw new IllegalStateException("A database has nothing to update");
  }

  @Override
  public Optional<String> delete(Database actual) {
    TimestreamCalls.run(
        "deleting timestream-database " + name,
        () -> timestream.deleteDatabase(r -> r.databaseName(name)));
    return Optional.empty();
  }
}
