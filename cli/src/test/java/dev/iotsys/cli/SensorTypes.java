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

  /** The ids besides the given one, sorted. */
  static List<String> besides(String id) {
    return IDS.stream().filter(t -> !t.equals(id)).toList();
  }
}
