package dev.iotsys.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A kind of sensor iotsys can provision, implemented by a sensor module and found with {@link
 * java.util.ServiceLoader}: the module lists its implementation in {@code
 * META-INF/services/dev.iotsys.spi.SensorType}.
 *
 * <p>The id names the type everywhere: the IoT thing type, the table, the MQTT topic prefix ({@code
 * <id>/<thing name>}) and, with a prefix, the policy, role, log group and topic rule. Everything
 * else has a default that fits a sensor publishing one JSON object of numbers per reading. How the
 * readings are stored is the store's business ({@link ReadingStore}): it composes the rule's SQL
 * from {@link #measures()} and {@link #topicFilter()}, so a type works on every store unchanged.
 */
public interface SensorType {

  /**
   * The type's id: 3 to 64 characters {@code [a-zA-Z0-9_]}, unique among the types on the class
   * path (it becomes part of a topic rule name, which allows no other characters).
   *
   * @return the id
   */
  String id();

  /**
   * One line that tells a user what this sensor is.
   *
   * @return the description, one line
   */
  String description();

  /**
   * The values a device publishes, as top-level keys of its JSON message. Each becomes a measure in
   * the table: the rule selects exactly these.
   *
   * @return the measures, one per key of the message
   */
  List<Measure> measures();

  /**
   * The MQTT topic filter the rule listens on: one level per device under the type's id.
   *
   * @return the filter; by default {@code <id>/+}
   */
  default String topicFilter() {
    return id() + "/+";
  }

  /**
   * The topic level that names the device, counted from 1: the level of the {@code +} in {@link
   * #topicFilter()}. Stores use it to put the thing name into each stored reading.
   *
   * @return the level, e.g. 2 for {@code attictemp/+}
   * @throws IllegalStateException when the filter has no single-level wildcard
   */
  default int deviceTopicLevel() {
    String[] levels = topicFilter().split("/", -1);
    for (int i = 0; i < levels.length; i++) {
      if (levels[i].equals("+")) {
        return i + 1;
      }
    }
    throw new IllegalStateException(
        "Topic filter "
            + topicFilter()
            + " of sensor type "
            + id()
            + " has no '+' level for the device");
  }

  /**
   * How often a device of this type publishes with its default settings: the dashboard's idea of
   * "recent", the silence alerts' default window (a few intervals, see {@code iotsys alerts}) and
   * the buffering of readings all derive from it. Required: no default fits every board.
   *
   * @return the expected time between two readings, at least a second
   */
  Duration readingInterval();

  /**
   * The key algorithms a device of this type can use, the default first. {@code iotsys sensor add}
   * makes the device's key pair with the first unless the user names another ({@code --key}, which
   * the command line offers only for a type with more than one), and hands the writer a key of that
   * algorithm. AWS IoT accepts both from a CSR.
   *
   * @return the algorithms, at least one, without repeats; by default RSA 2048 only
   */
  default List<KeyAlgorithm> keyAlgorithms() {
    return List.of(KeyAlgorithm.RSA_2048);
  }

  /**
   * How long readings are kept; by default 24 hours in memory and 365 days on magnetic storage.
   *
   * @return the retention of the type's table
   */
  default Retention retention() {
    return new Retention(24, 365);
  }

  /**
   * The IoT policy every device certificate of this type gets, as a JSON document. The default lets
   * a device connect only with its own thing name as client id, using a certificate attached to
   * that thing, and publish only to its own topic.
   *
   * @param account where the policy lives
   * @return the policy document, as JSON
   */
  default String devicePolicy(AwsAccount account) {
    return DevicePolicies.connectAndPublishOwnTopic(account, id());
  }

  /**
   * The settings a device of this type takes at {@code sensor add}, e.g. {@code --pin 14}; the
   * command line offers each as an option, and the package writer gets the values given.
   *
   * @return the settings; none by default
   */
  default List<DeviceSetting> deviceSettings() {
    return List.of();
  }

  /**
   * How this type's device packages are written, or empty when its devices need none. {@code iotsys
   * sensor add} asks the writer for a package after the certificate is in place.
   *
   * @return the writer; empty by default
   */
  default Optional<DevicePackageWriter> devicePackageWriter() {
    return Optional.empty();
  }

  /**
   * How this type's device packages are read back, or empty when its devices have none. {@code
   * iotsys sensor test} acts as the device with what the reader returns.
   *
   * @return the reader; empty by default
   */
  default Optional<DevicePackageReader> devicePackageReader() {
    return Optional.empty();
  }
}
