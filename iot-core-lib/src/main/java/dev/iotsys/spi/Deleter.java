package dev.iotsys.spi;

import java.util.Optional;

/**
 * The capability to delete a resource, for uninstall. Kept apart from {@link Resource}: not every
 * resource is deleted the same way, and some only with the user's explicit consent ({@link
 * HoldsReadings}).
 *
 * @param <A> the actual state {@link Resource#read()} returns
 */
public interface Deleter<A> {
  /**
   * Deletes what exists, dependants first (a policy's old versions, a role's inline policies, a
   * table's deletion protection).
   *
   * @param actual the state read just before
   * @return empty when the resource is gone; otherwise a sentence that says what AWS still has to
   *     finish and when (the resource is then reported as pending)
   */
  Optional<String> delete(A actual);
}
