package dev.iotsys.api;

import java.util.List;
import java.util.Map;

/**
 * The result of an install: one entry per resource, in the order they were converged.
 *
 * @param database the database name
 * @param stores the store of each sensor type installed, by type id
 * @param dryRun whether this was only a plan
 * @param resources the outcome of each resource
 * @param apiCalls the AWS calls the install made
 */
public record InstallResult(
    String database,
    Map<String, String> stores,
    boolean dryRun,
    List<ResourceResult> resources,
    ApiCalls apiCalls) {
  /**
   * Creates a result; the collections are copied.
   *
   * @param database the database name
   * @param stores the store of each sensor type installed, by type id
   * @param dryRun whether this was only a plan
   * @param resources the outcome of each resource, in the order they were converged
   * @param apiCalls the AWS calls the install made
   */
  public InstallResult {
    stores = Map.copyOf(stores);
    resources = List.copyOf(resources);
  }

  /**
   * Whether any resource was, or in a dry run would be, created or updated.
   *
   * @return true when the install changed the account, or the dry run would
   */
  public boolean changed() {
    return resources.stream().anyMatch(r -> r.outcome().isChange());
  }
}
