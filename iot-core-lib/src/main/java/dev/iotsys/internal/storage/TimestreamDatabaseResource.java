package dev.iotsys.internal.storage;

import dev.iotsys.internal.engine.AwsResource;
import dev.iotsys.internal.engine.Deleter;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Database;
import software.amazon.awssdk.services.timestreamwrite.model.ResourceNotFoundException;

/** A Timestream database. Nothing about it can drift that iotsys sets. */
public final class TimestreamDatabaseResource extends AwsResource<Database>
    implements Deleter<Database> {
  private final TimestreamWriteClient timestream;
  private final String name;

  public TimestreamDatabaseResource(TimestreamWriteClient timestream, String name) {
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
    try {
      return Optional.of(timestream.describeDatabase(r -> r.databaseName(name)).database());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> differences(Database actual) {
    return List.of();
  }

  @Override
  public void create() {
    timestream.createDatabase(r -> r.databaseName(name));
  }

  @Override
  public void update(Database actual) {
    throw new IllegalStateException("A database has nothing to update");
  }

  @Override
  public Optional<String> delete(Database actual) {
    timestream.deleteDatabase(r -> r.databaseName(name));
    return Optional.empty();
  }
}
