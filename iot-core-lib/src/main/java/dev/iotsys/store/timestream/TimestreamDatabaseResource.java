package dev.iotsys.store.timestream;

import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.HoldsReadings;
import dev.iotsys.spi.Resource;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Database;
import software.amazon.awssdk.services.timestreamwrite.model.ResourceNotFoundException;

/**
 * A Timestream database, tagged {@code managedBy=iotsys}: the tag is the only thing about it that
 * can drift, and what lets uninstall delete it (a database iotsys was only pointed at stays).
 */
final class TimestreamDatabaseResource
    implements Resource<TimestreamDatabaseResource.State>,
        Deleter<TimestreamDatabaseResource.State>,
        HoldsReadings<TimestreamDatabaseResource.State> {

  /**
   * What exists of the database.
   *
   * @param database the database as DescribeDatabase shows it
   * @param tagged whether it carries iotsys's tag
   */
  record State(Database database, boolean tagged) {}

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
  public Optional<State> read() {
    Optional<Database> database =
        TimestreamCalls.call(
            "reading timestream-database " + name,
            () -> {
              try {
                return Optional.of(
                    timestream.describeDatabase(r -> r.databaseName(name)).database());
              } catch (ResourceNotFoundException e) {
                return Optional.empty();
              }
            });
    return database.map(
        d ->
            new State(
                d,
                TimestreamTags.tagged(
                    timestream, d.arn(), "reading the tags of timestream-database " + name)));
  }

  @Override
  public List<String> differences(State actual) {
    return keepDifferences(actual);
  }

  @Override
  public void create() {
    TimestreamCalls.run(
        "creating timestream-database " + name,
        () -> timestream.createDatabase(r -> r.databaseName(name).tags(TimestreamTags.IOTSYS)));
  }

  @Override
  public void update(State actual) {
    keep(actual);
  }

  @Override
  public Optional<String> delete(State actual) {
    TimestreamCalls.run(
        "deleting timestream-database " + name,
        () -> timestream.deleteDatabase(r -> r.databaseName(name)));
    return Optional.empty();
  }

  @Override
  public boolean madeByIotsys(State actual) {
    return actual.tagged();
  }

  @Override
  public List<String> keepDifferences(State actual) {
    return TimestreamTags.lacking(actual.tagged());
  }

  @Override
  public void keep(State actual) {
    TimestreamTags.tagUnless(
        actual.tagged(),
        timestream,
        actual.database().arn(),
        "tagging timestream-database " + name);
  }
}
