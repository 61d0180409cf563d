package dev.iotsys.api;

import java.util.Objects;
import java.util.Optional;

/**
 * Where install puts each sensor type's readings, and whether it may move them.
 *
 * @param store the store for every type, as {@code --store} names it; empty: each type stays on the
 *     store its rule writes to, and a type not installed yet goes to {@code defaultStore}
 * @param defaultStore the store for a type not installed yet when {@code store} is empty (a home's
 *     settings); empty: iotsys's default, {@code timestream}
 * @param move whether a type installed on another store or database may be pointed at this one;
 *     without it install refuses such a change before any write, naming where the readings go now
 * @param dryRun only read, and return the plan
 */
public record InstallOptions(
    Optional<String> store, Optional<String> defaultStore, boolean move, boolean dryRun) {
  /**
   * Checks the options.
   *
   * @param store the store for every type, or empty
   * @param defaultStore the store for types not installed yet, or empty
   * @param move whether types may move to another store or database
   * @param dryRun only read
   */
  public InstallOptions {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(defaultStore, "defaultStore");
  }

  /**
   * Each type where its rule writes, a new one on the default store, nothing moved.
   *
   * @param dryRun only read
   * @return the options
   */
  public static InstallOptions inPlace(boolean dryRun) {
    return new InstallOptions(Optional.empty(), Optional.empty(), false, dryRun);
  }
}
