package dev.iotsys.api;

import java.util.List;

/**
 * The outcome for one AWS resource.
 *
 * @param kind the resource kind, e.g. {@code iot-policy}
 * @param name the resource's name in AWS
 * @param outcome what was done, or would be done in a dry run
 * @param differences for an update, what differed from the desired state (one phrase each)
 */
public record ResourceResult(String kind, String name, Outcome outcome, List<String> differences) {
  /**
   * Creates a result; the differences are copied.
   *
   * @param kind the resource kind, e.g. {@code iot-policy}
   * @param name the resource's name in AWS
   * @param outcome what was done, or would be done in a dry run
   * @param differences for an update, what differed from the desired state; empty otherwise
   */
  public ResourceResult {
    differences = List.copyOf(differences);
  }
}
