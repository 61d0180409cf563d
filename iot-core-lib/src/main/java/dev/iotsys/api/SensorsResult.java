package dev.iotsys.api;

import java.util.List;

/**
 * The result of {@code sensor add} or {@code sensor remove} over several names.
 *
 * @param dryRun whether this was only a plan
 * @param sensors one result per name, in the order the names were given
 * @param apiCalls the AWS calls the command made
 */
public record SensorsResult(boolean dryRun, List<SensorResult> sensors, ApiCalls apiCalls) {
  /**
   * Creates a result; the list is copied.
   *
   * @param dryRun whether this was only a plan
   * @param sensors one result per name, in the order the names were given
   * @param apiCalls the AWS calls the command made
   */
  public SensorsResult {
    sensors = List.copyOf(sensors);
  }

  /**
   * The names that failed.
   *
   * @return the failed names' results, in the order given; empty when every name succeeded
   */
  public List<SensorResult> failed() {
    return sensors.stream().filter(s -> s.outcome().isFailure()).toList();
  }

  /**
   * Whether every name succeeded.
   *
   * @return true when no name failed
   */
  public boolean succeeded() {
    return failed().isEmpty();
  }
}
