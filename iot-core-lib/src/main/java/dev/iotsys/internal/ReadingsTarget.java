package dev.iotsys.internal;

import dev.iotsys.spi.AwsServices;
import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.SensorType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a sensor type's rule writes its readings: a store and a database of it.
 *
 * @param store the store
 * @param database the database name
 */
public record ReadingsTarget(ReadingStore store, String database) {

  /** The resources that hold the type's readings there, e.g. its DynamoDB table. */
  public List<Resource<?>> typeResources(AwsServices aws, SensorType type) {
    return store.typeResources(aws, database, type);
  }

  /**
   * The target in words, by the resources that hold the readings, e.g. {@code dynamodb-table x}.
   */
  public String describe(AwsServices aws, SensorType type) {
    List<Resource<?>> resources = typeResources(aws, type);
    return resources.isEmpty()
        ? store.id() + " database " + database
        : resources.stream().map(r -> r.kind() + " " + r.name()).collect(Collectors.joining(", "));
  }
}
