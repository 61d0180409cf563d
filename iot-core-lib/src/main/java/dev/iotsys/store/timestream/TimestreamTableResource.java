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
 * A Timestream table, its retention and its magnetic-store writes. Boards send readings they kept
 * while offline, hours or days late: Timestream refuses a record older than the memory store's
 * retention unless magnetic-store writes are on.
 */
final class TimestreamTableResource implements Resource<Table>, Deleter<Table>, HoldsReadings {
  private final TimestreamWriteClient timestream;
  private final String database;
  private final String name;
  private final RetentionProperties retention;
  private static final MagneticStoreWriteProperties LATE_WRITES =
      MagneticStoreWriteProperties.builder().enableMagneticStoreWrites(true).build();

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
  public Optional<Table> read() {
    return TimestreamCalls.call(
        "reading timestream-table " + name(),
        () -> {
          try {
            return Optional.of(
                timestream.describeTable(r -> r.databaseName(database).tableName(name)).table());
          } catch (ResourceNotFoundException e) {
            return Optional.empty();
          }
        });
  }

  @Override
  public List<String> differences(Table actual) {
    RetentionProperties have = actual.retentionProperties();
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
    MagneticStoreWriteProperties late = actual.magneticStoreWriteProperties();
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
                        .magneticStoreWriteProperties(LATE_WRITES)));
  }

  @Override
  public void update(Table actual) {
    // Always the full properties: a partial update clears the other half on some implementations.
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

  @Override
  public Optional<String> delete(Table actual) {
    TimestreamCalls.run(
        "deleting timestream-table " + name(),
        () -> timestream.deleteTable(r -> r.databaseName(database).tableName(name)));
    return Optional.empty();
  }
}
