package dev.iotsys.api;

import java.util.List;

/**
 * The result of {@code alerts enable}, {@code alerts set} or {@code alerts disable}: one entry per
 * resource, in the order they were handled.
 *
 * @param dryRun whether this was only a plan
 * @param resources the outcome per resource: the topic, its subscriptions, each sensor type's
 *     metrics rule and role, each sensor's alarms
 * @param apiCalls the AWS calls the command made
 * @param packagesRewritten the device packages whose thresholds {@code alerts set} rewrote: their
 *     boards must be flashed again to publish at once when a threshold is crossed
 */
public record AlertsResult(
    boolean dryRun,
    List<ResourceResult> resources,
    ApiCalls apiCalls,
    List<java.nio.file.Path> packagesRewritten) {
  /**
   * Creates a result; the lists are copied.
   *
   * @param dryRun whether this was only a plan
   * @param resources the outcome per resource, in the order they were handled
   * @param apiCalls the AWS calls the command made
   * @param packagesRewritten the device packages rewritten, to be flashed again
   */
  public AlertsResult {
    resources = List.copyOf(resources);
    packagesRewritten = List.copyOf(packagesRewritten);
  }

  /**
   * A result that rewrote no device package.
   *
   * @param dryRun whether this was only a plan
   * @param resources the outcome per resource, in the order they were handled
   * @param apiCalls the AWS calls the command made
   */
  public AlertsResult(boolean dryRun, List<ResourceResult> resources, ApiCalls apiCalls) {
    this(dryRun, resources, apiCalls, List.of());
  }

  /**
   * Whether any resource was, or in a dry run would be, created, updated or deleted.
   *
   * @return true when the command changed the account, or the dry run would
   */
  public boolean changed() {
    return resources.stream().anyMatch(r -> r.outcome().isChange());
  }
}
