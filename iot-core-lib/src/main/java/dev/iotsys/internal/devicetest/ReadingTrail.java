package dev.iotsys.internal.devicetest;

import dev.iotsys.spi.SensorType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a sensor test looks for the reading it published: the sensor type's store and, when the
 * reading is not there, the rule's error log. The one seam between the device test and the store.
 */
public interface ReadingTrail {

  /**
   * The time of the sensor's newest reading stored at or after an instant.
   *
   * @param type the sensor's type
   * @param sensor the sensor's (thing) name
   * @param from the earliest time that counts
   * @return the newest time, or empty when the store holds no reading of the sensor since then
   * @throws dev.iotsys.api.IotsysException when the store cannot be read
   */
  Optional<Instant> newestReading(SensorType type, String sensor, Instant from);

  /**
   * What AWS IoT's rule engine logged about messages on a topic from an instant on, in the type's
   * rule-error log group: the error messages of the failed actions, oldest first.
   *
   * @param type the sensor's type
   * @param topic the topic the reading was published to
   * @param from the earliest time that counts
   * @return AWS's error messages; empty when the rule logged none
   * @throws dev.iotsys.api.IotsysException when the log cannot be read
   */
  List<String> ruleErrors(SensorType type, String topic, Instant from);
}
