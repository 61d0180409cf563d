package dev.iotsys.internal.storage;

import dev.iotsys.internal.engine.AwsResource;
import dev.iotsys.internal.engine.Deleter;
import dev.iotsys.spi.Retention;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.ResourceNotFoundException;
import software.amazon.awssdk.services.timestreamwrite.model.RetentionProperties;
import software.amazon.awssdk.services.timestreamwrite.model.Table;

/** A Timestream table and its retention. */
public final class TimestreamTableResource extends AwsResource<Table> implements Deleter<Table> {
  private final TimestreamWriteClient timestream;
  private final String database;
  private final String name;
  private final RetentionProperties retention;

  public TimestreamTableResource(
      TimestreamWriteClient timestream, String database, String name, Retention retention) {
    this.timestream = timestream;
    this.database = database;
    this.name = name;
    this.retention = RetentionProperties.builder()
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
    try {
      return Optional.of(
          timestream.describeTable(r -> r.databaseName(database).tableName(name)).table());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> differences(Table actual) {
    RetentionProperties have = actual.retentionProperties();
    List<String> diffs = new ArrayList<>();
    Long memory = have == null ? null : have.memoryStoreRetentionPeriodInHours();
    Long magnetic = have == null ? null : have.magneticStoreRetentionPeriodInDays();
    if (!Objects.equals(memory, retention.memoryStoreRetentionPeriodInHours())) {
      diffs.add("memory store retention " + memory + " h");
    }
    if (!Objects.equals(magnetic, retention.magneticStoreRetentionPeriodInDays())) {
      diffs.add("magnetic store retention " + magnetic + " days");
    }
    return diffs;
  }

  @Override
  public void create() {
    timestream.createTable(
        r -> r.databaseName(database).tableName(name).retentionProperties(retention));
  }

  @Override
  public void update(Table actual) {
    // Always the full properties: a partial update clears the other half on some implementations.
    timestream.updateTable(
        r -> r.databaseName(database).tableName(name).retentionProperties(retention));
  }

  @Override
  public Optional<String> delete(Table actual) {
    timestream.deleteTable(r -> r.databaseName(database).tableName(name));
    return Optional.empty();
  }
}
