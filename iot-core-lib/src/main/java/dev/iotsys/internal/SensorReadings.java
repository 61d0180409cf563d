package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingStats;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.internal.storage.ReadingStore;
import dev.iotsys.internal.storage.Since;
import dev.iotsys.internal.storage.TimestreamQueries;
import dev.iotsys.spi.SensorType;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/** {@code iotsys data}: a sensor's readings, found through its thing type and its type's rule. */
public final class SensorReadings {
  private final AwsClients clients;
  private final ReadingStore store;
  private final SensorTypeRegistry registry;

  public SensorReadings(AwsClients clients, ReadingStore store, SensorTypeRegistry registry) {
    this.clients = clients;
    this.store = store;
    this.registry = registry;
  }

  /** Readings newest first. */
  public List<Reading> readings(String sensor, Optional<String> database, String since,
      int limit) {
    Since window = Since.parse(since);
    TimestreamQueries.checkLimit(limit);
    Target t = target(sensor, database);
    return store.readings(t.database(), t.type(), new TypeNames(t.type().id()), sensor, window,
        limit);
  }

  /** Per measure: min, max, average, count and last time over the window. */
  public List<ReadingStats> stats(String sensor, Optional<String> database, String since) {
    Since window = Since.parse(since);
    Target t = target(sensor, database);
    return store.stats(t.database(), t.type(), new TypeNames(t.type().id()), sensor, window);
  }

  private record Target(SensorType type, String database) {}

  private Target target(String sensor, Optional<String> database) {
    Names.thingName(sensor);
    database.ifPresent(Names::database);
    DescribeThingResponse thing;
    try {
      thing = clients.iot().describeThing(r -> r.thingName(sensor));
    } catch (ResourceNotFoundException e) {
      throw new IotsysException(ErrorKind.PRECONDITION, "No sensor named " + sensor
          + " in this account and region ('iotsys sensor list' shows them)");
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "reading thing " + sensor);
    }
    String typeId = thing.thingTypeName();
    if (typeId == null) {
      throw new IotsysException(ErrorKind.PRECONDITION,
          "Thing " + sensor + " has no thing type, so it is not an iotsys sensor");
    }
    SensorType type = registry.get(typeId);
    String db = database.or(() -> RuleDatabase.of(clients, type)).orElseThrow(() ->
        new IotsysException(ErrorKind.PRECONDITION, "The rule of sensor type " + typeId
            + " is gone, so its database is unknown: name it with --db"));
    return new Target(type, db);
  }
}
