package dev.iotsys.api;

/**
 * What converging one resource, or one step of a sensor command, did, or in a dry run would do: the
 * one vocabulary of every command ({@code install}, {@code uninstall}, {@code sensor add}, {@code
 * sensor remove}).
 */
public enum Outcome {
  /** The resource did not exist and was created. */
  CREATED,
  /** The resource existed but differed from the desired state and was brought back to it. */
  UPDATED,
  /** The resource already matched the desired state; nothing was changed. */
  UNCHANGED,
  /** Dry run: the resource does not exist and would be created. */
  WOULD_CREATE,
  /** Dry run: the resource exists but differs and would be updated. */
  WOULD_UPDATE,
  /** The resource existed and was deleted. */
  DELETED,
  /** Dry run: the resource exists and would be deleted. */
  WOULD_DELETE,
  /** Nothing to delete: the resource did not exist. */
  ABSENT,
  /** The resource holds data and was kept, as asked (no {@code --delete-data}). */
  KEPT,
  /** Deletion started but AWS finishes it only later (a thing type's 5-minute wait). */
  PENDING,
  /** This item failed (one sensor name of several, or the step it failed at). */
  FAILED;

  /**
   * Whether this outcome changed, or would change, the account.
   *
   * @return false only for {@link #UNCHANGED}, {@link #ABSENT}, {@link #KEPT} and {@link #FAILED}
   */
  public boolean isChange() {
    return this != UNCHANGED && this != ABSENT && this != KEPT && this != FAILED;
  }

  /**
   * Whether this item failed.
   *
   * @return true only for {@link #FAILED}
   */
  public boolean isFailure() {
    return this == FAILED;
  }
}
