package dev.iotsys.internal.storage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingStats;
import dev.iotsys.internal.engine.AwsResource;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.spi.AwsAccount;
import dev.iotsys.spi.SensorType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iot.model.Action;

/**
 * Where readings are kept: the database, one table per sensor type, the rule action that writes
 * into it and the permissions that action needs. Everything that knows Timestream sits behind this
 * seam, so another store can take its place (Timestream for LiveAnalytics is closed to new AWS
 * customers since 2025-06-20).
 */
public interface ReadingStore {

  /** The database holding every type's table. */
  AwsResource<?> database(String database);

  /** The table of one sensor type. */
  AwsResource<?> table(String database, SensorType type, TypeNames names);

  /** Fails with a precondition error when the database does not exist. A read, never a write. */
  void requireDatabase(String database);

  /** The topic rule action that stores a type's readings, assuming the given role. */
  Action ruleAction(String database, SensorType type, TypeNames names, String roleArn);

  /** IAM policy statements the rule's role needs to write a type's readings. */
  ArrayNode writeStatements(String database, TypeNames names, AwsAccount account);

  /** One device's readings of a type, newest first, at most {@code limit}. */
  List<Reading> readings(
      String database, SensorType type, TypeNames names, String device, Since since, int limit);

  /** Per measure of the type: min, max, average, count and last time over the window. */
  List<ReadingStats> stats(
      String database, SensorType type, TypeNames names, String device, Since since);

  /** The newest reading time of every device of the type in the window, in one query. */
  Map<String, Instant> lastReadings(
      String database, SensorType type, TypeNames names, Since since);
}
