package dev.iotsys.api;

import java.util.List;

/**
 * The result of an uninstall.
 *
 * @param database the database whose types were uninstalled, or null when none was named or found
 * @param dryRun whether this was only a plan
 * @param removedSensors the sensors removed first ({@link UninstallOptions#removeSensors()})
 * @param resources the outcome per resource, in the order they were removed
 * @param apiCalls the AWS calls the uninstall made
 * @param notes what the user should know, e.g. what a real run would refuse (in a dry run)
 */
public record UninstallResult(
    String database,
    boolean dryRun,
    List<String> removedSensors,
    List<ResourceResult> resources,
    ApiCalls apiCalls,
    List<String> notes) {
  /**
   * Creates a result; the lists are copied.
   *
   * @param database the database whose types were uninstalled, or null when none was named or found
   * @param dryRun whether this was only a plan
   * @param removedSensors the sensors removed first
   * @param resources the outcome per resource, in the order they were removed
   * @param apiCalls the AWS calls the uninstall made
   * @param notes what the user should know
   */
  public UninstallResult {
    removedSensors = List.copyOf(removedSensors);
    resources = List.copyOf(resources);
    notes = List.copyOf(notes);
  }

  /**
   * A result without notes.
   *
   * @param database the database whose types were uninstalled, or null
   * @param dryRun whether this was only a plan
   * @param removedSensors the sensors removed first
   * @param resources the outcome per resource, in the order they were removed
   * @param apiCalls the AWS calls the uninstall made
   */
  public UninstallResult(
      String database,
      boolean dryRun,
      List<String> removedSensors,
      List<ResourceResult> resources,
      ApiCalls apiCalls) {
    this(database, dryRun, removedSensors, resources, apiCalls, List.of());
  }

  /**
   * Whether anything is left: a resource kept, pending, or (in a dry run) still there.
   *
   * @return true when some resource is still in the account after this uninstall
   */
  public boolean somethingLeft() {
    return resources.stream()
        .anyMatch(
            r ->
                r.outcome() == Outcome.KEPT
                    || r.outcome() == Outcome.PENDING
                    || r.outcome() == Outcome.WOULD_DELETE);
  }
}
