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
import software.amazon.awssdk.services.timestreamwrite.model.MagneticStoreWriteProperties;
import software.amazon.awssdk.services.timestreamwrite.model.ResourceNotFoundException;
import software.amazon.awssdk.services.timestreamwrite.model.RetentionProperties;
import software.amazon.awssdk.services.timestreamwrite.model.Table;

/**
 * A Timestream table, its retention, its magnetic-store writes and the tag {@code managedBy=iotsys}
 * that proves iotsys made it (install tags a table it was pointed at, so one made before tags gets
 * it too). Boards send readings they kept while offline, hours or days late: Timestream refuses a
 * record older than the memory store's retention unless magnetic-store writes are on.
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

  private static final MagneticStoreWriteProperties LATE_WRITES =
      MagneticStoreWriteProperties.builder().enableMagneticStoreWrites(true).build();

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
    MagneticStoreWriteProperties late = actual.table().magneticStoreWriteProperties();
    if (late == null || !Boolean.TRUE.equals(late.enableMagneticStoreWrites())) {
      diffs.add("magnetic store writes off \u2192 on");
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
                        .magneticStoreWriteProperties(LATE_WRITES)
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
                  r ->
                      r.databaseName(database)
                          .tableName(name)
                          .retentionProperties(retention)
                          .magneticStoreWriteProperties(LATE_WRITES)));
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
