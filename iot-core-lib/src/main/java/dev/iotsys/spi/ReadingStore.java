package dev.iotsys.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where readings are kept, implemented by a store plugin and found with {@link
 * java.util.ServiceLoader} the way sensor types are: the plugin lists its implementation in {@code
 * META-INF/services/dev.iotsys.spi.ReadingStore}.
 *
 * <p>A store declares the resources that hold a database's readings, composes each sensor type's
 * rule SQL from the type's measures and topic filter (so that any sensor type works on any store),
 * names the rule actions that write into it and the permissions those need, and reads readings
 * back. Everything else (the engine, the dry run, the order of the stack, deletion consent) is
 * iotsys's. A store never prints; it fails with {@link dev.iotsys.api.IotsysException} or lets the
 * SDK's exception through, which iotsys turns into one sentence.
 */
public interface ReadingStore {

  /**
   * The store's id, as users name it with {@code --store}: 2 to 32 of {@code [a-z0-9]}, unique.
   *
   * @return the id, e.g. {@code dynamodb}
   */
  String id();

  /**
   * One line that tells a user what this store is and who can use it.
   *
   * @return the description, one line
   */
  String description();

  /**
   * Checks, before any AWS call, that the database name and the type fit this store's rules (name
   * lengths, reserved attribute names); fails with {@link dev.iotsys.api.ErrorKind#INVALID_INPUT}.
   *
   * @param database the database name, already checked against iotsys's own rule
   * @param type the sensor type
   */
  default void validate(String database, SensorType type) {}

  /**
   * What every sensor type of one database shares, created before any type's resources (a
   * Timestream database); empty when the store has nothing of the kind.
   *
   * @param aws the command's AWS clients
   * @param database the database name
   * @return the resources, in creation order
   */
  List<Resource<?>> databaseResources(AwsServices aws, String database);

  /**
   * The resources that hold one sensor type's readings (its table), created before the type's rule.
   * Each should implement {@link Deleter} and {@link HoldsReadings}, and be tagged {@link
   * HoldsReadings#TAG_KEY} where the service has tags.
   *
   * @param aws the command's AWS clients
   * @param database the database name
   * @param type the sensor type
   * @return the resources, in creation order
   */
  List<Resource<?>> typeResources(AwsServices aws, String database, SensorType type);

  /**
   * The databases of the account in which this store may hold iotsys's resources: where status and
   * uninstall look for readings a type left under another database name, and, for a store without
   * {@link #databaseResources}, which databases exist. A store with databases lists them all; one
   * without (DynamoDB) lists the database names its resources' names carry. Reads only.
   *
   * @param aws the command's AWS clients
   * @return the database names; empty when the store cannot tell
   */
  default List<String> databases(AwsServices aws) {
    return List.of();
  }

  /**
   * How the type's topic rule writes into this store.
   *
   * @param database the database name
   * @param type the sensor type, whose measures and topic filter the SQL is made of
   * @param roleArn the role every action must assume
   * @return the SQL and the actions
   */
  RuleTarget ruleTarget(String database, SensorType type, String roleArn);

  /**
   * The IAM policy statements the rule's role needs for {@link #ruleTarget}'s actions, least
   * privilege: only the type's own resources.
   *
   * @param account the account the resources live in
   * @param database the database name
   * @param type the sensor type
   * @return statements in IAM's JSON form, e.g. {@code {"Effect": "Allow", "Action":
   *     "dynamodb:PutItem", "Resource": "arn:..."}}
   */
  List<Map<String, Object>> writeStatements(AwsAccount account, String database, SensorType type);

  /**
   * Recognizes an action of an installed rule as one of this store's, which is how every command
   * after install finds where a type's readings are.
   *
   * @param action one action of the type's rule as AWS returns it, in the form of {@link
   *     RuleTarget#actions()}
   * @param type the sensor type
   * @return the database the action writes to, or empty when it is not this store's
   */
  Optional<String> databaseOf(Map<String, Object> action, SensorType type);

  /**
   * One device's readings in the window, newest first: one entry per measure of each reading.
   * Readings past their expiry are left out.
   *
   * @param aws the command's AWS clients
   * @param database the database name
   * @param type the device's sensor type
   * @param device the thing name
   * @param window how far back from now
   * @param limit at most this many entries
   * @return the readings, newest first
   */
  List<StoredReading> readings(
      AwsServices aws, String database, SensorType type, String device, Duration window, int limit);

  /**
   * Per measure of the type: minimum, maximum, average and count over the window, and the time of
   * the newest reading. Values are exact decimals.
   *
   * @param aws the command's AWS clients
   * @param database the database name
   * @param type the device's sensor type
   * @param device the thing name
   * @param window how far back from now
   * @return one entry per measure of the type, in the type's order
   */
  List<MeasureStats> stats(
      AwsServices aws, String database, SensorType type, String device, Duration window);

  /**
   * The time of the newest reading of each of the given devices in the window.
   *
   * @param aws the command's AWS clients
   * @param database the database name
   * @param type the devices' sensor type
   * @param devices the thing names
   * @param window how far back from now
   * @return the newest time per device that has a reading in the window
   */
  Map<String, Instant> newestReadings(
      AwsServices aws, String database, SensorType type, List<String> devices, Duration window);

  /**
   * The newest reading of every device of the type, in as few calls as the store allows, for a view
   * of the whole fleet: a store that keeps each device's newest reading where one read finds them
   * all implements it. A device missing from the answer (none kept for it yet) has its newest
   * reading read with {@link #readings} instead, as does every device when this is empty.
   *
   * @param aws the command's AWS clients
   * @param database the database name
   * @param type the sensor type
   * @return by thing name, the newest reading's entries, one per measure (as {@link #readings}
   *     gives them); empty when the store has no such read
   */
  default Optional<Map<String, List<StoredReading>>> newestOfEveryDevice(
      AwsServices aws, String database, SensorType type) {
    return Optional.empty();
  }
}
