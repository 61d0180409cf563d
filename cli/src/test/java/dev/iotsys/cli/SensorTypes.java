package dev.iotsys.cli;

import dev.iotsys.spi.SensorType;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The sensor types on this module's class path, sorted by id, as the command line finds them: the
 * tests expect what install, alerts and uninstall do for each, however many there are.
 */
final class SensorTypes {
  /** Every type's id, sorted. */
  static final List<String> IDS =
      ServiceLoader.load(SensorType.class).stream().map(p -> p.get().id()).sorted().toList();

  private SensorTypes() {}

  /**
   * The kinds install converges for every type, in its order: the store's table, then the thing
   * type, policy, log group, role and rule (README, "What install creates").
   */
  static java.util.List<String> resourceKinds(String tableKind) {
    java.util.List<String> kinds = new java.util.ArrayList<>();
    for (String type : IDS) {
      kinds.addAll(
          List.of(
              tableKind,
              "iot-thing-type",
              "iot-policy",
              "logs-log-group",
              "iam-role",
              "iot-topic-rule"));
    }
    return kinds;
  }

  /** The ids besides the given one, sorted. */
  static List<String> besides(String id) {
    return IDS.stream().filter(t -> !t.equals(id)).toList();
  }
}
