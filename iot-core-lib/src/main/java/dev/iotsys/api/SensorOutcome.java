package dev.iotsys.api;

/** What {@code sensor add} or {@code sensor remove} did, or would do, for one name. */
public enum SensorOutcome {
  /** The thing did not exist; it was created with its certificate and files. */
  CREATED,
  /** The thing existed; something missing or detached was put back. */
  UPDATED,
  /** Everything was in place; nothing was changed. */
  UNCHANGED,
  /** What existed of the sensor was deleted. */
  REMOVED,
  /** Nothing of the sensor existed; there was nothing to remove. */
  ABSENT,
  /** Dry run: the sensor would be created. */
  WOULD_CREATE,
  /** Dry run: something would be put back. */
  WOULD_UPDATE,
  /** Dry run: what exists of the sensor would be deleted. */
  WOULD_REMOVE,
  /** This name failed; the others were still processed. */
  FAILED;

  /**
   * Whether this name failed.
   *
   * @return true only for {@link #FAILED}
   */
  public boolean isFailure() {
    return this == FAILED;
  }
}
