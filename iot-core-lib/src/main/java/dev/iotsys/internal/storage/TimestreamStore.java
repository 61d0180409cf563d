package dev.iotsys.internal.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingStats;
import dev.iotsys.api.IotsysException;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.engine.AwsResource;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.spi.AwsAccount;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.TimestreamDimension;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/** Readings in Amazon Timestream for LiveAnalytics: one database, one table per sensor type. */
public final class TimestreamStore implements ReadingStore {
  /** The dimension that names the device: the second topic level, i.e. the thing name. */
  public static final String DEVICE_DIMENSION = "device";

  private final Supplier<TimestreamWriteClient> write;
  private final TimestreamReadings query;

  public TimestreamStore(
      Supplier<TimestreamWriteClient> write, Supplier<TimestreamQueryClient> query) {
    this.write = write;
    this.query = new TimestreamReadings(query);
  }

  @Override
  public AwsResource<?> database(String database) {
    return new TimestreamDatabaseResource(write.get(), database);
  }

  @Override
  public AwsResource<?> table(String database, SensorType type, TypeNames names) {
    return new TimestreamTableResource(write.get(), database, names.table(), type.retention());
  }

  @Override
  public void requireDatabase(String database) {
    boolean exists;
    try {
      exists = database(database).read().isPresent();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "reading timestream-database " + database);
    }
    if (!exists) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "Timestream database " + database + " does not exist: run 'iotsys install --db "
              + database + "' first, or name an existing database");
    }
  }

  @Override
  public Action ruleAction(String database, SensorType type, TypeNames names, String roleArn) {
    return Action.builder()
        .timestream(t -> t.roleArn(roleArn)
            .databaseName(database)
            .tableName(names.table())
            .dimensions(TimestreamDimension.builder()
                .name(DEVICE_DIMENSION)
                .value("${topic(2)}")
                .build()))
        .build();
  }

  @Override
  public ArrayNode writeStatements(String database, TypeNames names, AwsAccount account) {
    ArrayNode statements = JsonNodeFactory.instance.arrayNode();
    ObjectNode write = statements.addObject();
    write.put("Effect", "Allow");
    write.put("Action", "timestream:WriteRecords");
    write.put("Resource",
        account.arn("timestream", "database/" + database + "/table/" + names.table()));
    ObjectNode endpoints = statements.addObject();
    endpoints.put("Effect", "Allow");
    endpoints.put("Action", "timestream:DescribeEndpoints");
    // DescribeEndpoints has no resource-level permissions: "*" is the only form AWS accepts.
    endpoints.put("Resource", "*");
    return statements;
  }

  @Override
  public List<Reading> readings(
      String database, SensorType type, TypeNames names, String device, Since since, int limit) {
    return query.readings(database, names.table(), measures(type), device, since, limit);
  }

  @Override
  public List<ReadingStats> stats(
      String database, SensorType type, TypeNames names, String device, Since since) {
    return query.stats(database, names.table(), measures(type), device, since);
  }

  @Override
  public Map<String, Instant> lastReadings(
      String database, SensorType type, TypeNames names, Since since) {
    return query.lastTimes(database, names.table(), measures(type), since);
  }

  private static List<String> measures(SensorType type) {
    return type.measures().stream().map(Measure::name).toList();
  }
}
