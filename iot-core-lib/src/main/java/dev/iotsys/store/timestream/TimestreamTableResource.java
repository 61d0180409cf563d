package dev.iotsys.store.timestream;

import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.HoldsReadings;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.Retention;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.ResourceNotFoundException;
import software.amazon.awssdk.services.timestreamwrite.model.RetentionProperties;
import software.amazon.awssdk.services.timestreamwrite.model.Table;

/**
 * A Timestream table, its retention and the tag {@code managedBy=iotsys} that proves iotsys made it
 * (install tags a table it was pointed at, so one made before tags gets it too).
 */
final class TimestreamTableResource
    implements Resource<TimestreamTableResource.State>,
        Deleter<TimestreamTableResource.State>,
        HoldsReadings<TimestreamTableResource.State> {

  /**
   * What exists of the table.
   *
   * @param table the table as DescribeTable shows it
   * @param tagged whether it carries iotsys's tag
   */
  record State(Table table, boolean tagged) {}

  private final TimestreamWriteClient timestream;
  private final String database;
  private final String name;
  private final RetentionProperties retention;

  TimestreamTableResource(
      TimestreamWriteClient timestream, String database, String name, Retention retention) {
    this.timestream = timestream;
    this.database = database;
    this.name = name;
    this.retention =
        RetentionProperties.builder()
            .memoryStoreRetentionPeriodInHours(retention.memoryHours())
            .magneticStoreRetentionPeriodInDays(retention.magneticDays())
            .build();
  }

  @Override
  public String kind() {
    return "timestream-table";
  }

  @Override
  public String name() {
    return database + "." + name;
  }

  @Override
  public Optional<State> read() {
    Optional<Table> table =
        TimestreamCalls.call(
            "reading timestream-table " + name(),
            () -> {
              try {
                return Optional.of(
                    timestream
                        .describeTable(r -> r.databaseName(database).tableName(name))
                        .table());
              } catch (ResourceNotFoundException e) {
                return Optional.empty();
              }
            });
    return table.map(
        t ->
            new State(
                t,
                TimestreamTags.tagged(
                    timestream, t.arn(), "reading the tags of timestream-table " + name())));
  }

  @Override
  public List<String> differences(State actual) {
    List<String> diffs = new ArrayList<>(retentionDifferences(actual));
    diffs.addAll(keepDifferences(actual));
    return diffs;
  }

  private List<String> retentionDifferences(State actual) {
    RetentionProperties have = actual.table().retentionProperties();
    List<String> diffs = new ArrayList<>();
    Long memory = have == null ? null : have.memoryStoreRetentionPeriodInHours();
    Long magnetic = have == null ? null : have.magneticStoreRetentionPeriodInDays();
    if (!Objects.equals(memory, retention.memoryStoreRetentionPeriodInHours())) {
      diffs.add(
          "memory store retention "
              + memory
              + " h \u2192 "
              + retention.memoryStoreRetentionPeriodInHours()
              + " h");
    }
    if (!Objects.equals(magnetic, retention.magneticStoreRetentionPeriodInDays())) {
      diffs.add(
          "magnetic store retention "
              + magnetic
              + " days \u2192 "
              + retention.magneticStoreRetentionPeriodInDays()
              + " days");
    }
    return diffs;
  }

  @Override
  public void create() {
    TimestreamCalls.run(
        "creating timestream-table " + name(),
        () ->
            timestream.createTable(
                r ->
                    r.databaseName(database)
                        .tableName(name)
                        .retentionProperties(retention)
                        .tags(TimestreamTags.IOTSYS)));
  }

  @Override
  public void update(State actual) {
    keep(actual);
    if (!retentionDifferences(actual).isEmpty()) {
      // Always the full properties: a partial update clears the other half on some
      // implementations.
      TimestreamCalls.run(
          "updating timestream-table " + name(),
          () ->
              timestream.updateTable(
                  r -> r.databaseName(database).tableName(name).retentionProperties(retention)));
    }
  }

  @Override
  public Optional<String> delete(State actual) {
    TimestreamCalls.run(
        "deleting timestream-table " + name(),
        () -> timestream.deleteTable(r -> r.databaseName(database).tableName(name)));
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
        actual.tagged(), timestream, actual.table().arn(), "tagging timestream-table " + name());
  }
}
