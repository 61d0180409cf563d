package dev.iotsys.api;

/**
 * What {@code sensor add} or {@code sensor remove} did, or would do, for one name, in the words
 * iotsys used before every command shared {@link Outcome}. Kept for existing callers of {@link
 * SensorResult#outcome()}; {@link SensorResult#result()} gives the same in the shared vocabulary
 * ({@link #toOutcome()}).
 */
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

  /**
   * A shared outcome in these words.
   *
   * @param outcome an outcome a sensor command gives (not KEPT or PENDING)
   * @return the same, as a sensor outcome
   * @throws IllegalArgumentException for KEPT and PENDING, which no sensor command gives
   */
  public static SensorOutcome of(Outcome outcome) {
    return switch (outcome) {
      case CREATED -> CREATED;
      case UPDATED -> UPDATED;
      case UNCHANGED -> UNCHANGED;
      case DELETED -> REMOVED;
      case ABSENT -> ABSENT;
      case WOULD_CREATE -> WOULD_CREATE;
      case WOULD_UPDATE -> WOULD_UPDATE;
      case WOULD_DELETE -> WOULD_REMOVE;
      case FAILED -> FAILED;
      case KEPT, PENDING -> throw new IllegalArgumentException("no sensor outcome: " + outcome);
    };
  }

  /**
   * The same outcome in the vocabulary every command shares: REMOVED is {@link Outcome#DELETED},
   * WOULD_REMOVE {@link Outcome#WOULD_DELETE}; the others keep their name.
   *
   * @return the shared outcome
   */
  public Outcome toOutcome() {
    return switch (this) {
      case CREATED -> Outcome.CREATED;
      case UPDATED -> Outcome.UPDATED;
      case UNCHANGED -> Outcome.UNCHANGED;
      case REMOVED -> Outcome.DELETED;
      case ABSENT -> Outcome.ABSENT;
      case WOULD_CREATE -> Outcome.WOULD_CREATE;
      case WOULD_UPDATE -> Outcome.WOULD_UPDATE;
      case WOULD_REMOVE -> Outcome.WOULD_DELETE;
      case FAILED -> Outcome.FAILED;
    };
  }
}
