package dev.iotsys.spi;

/**
 * When a reading was taken, as a store's topic rule works it out in AWS IoT SQL from the message a
 * board sends. A board that kept readings while it was offline sends each with its own time, so the
 * time AWS IoT received it ({@code timestamp()}) is not when it was measured.
 *
 * <p>The message carries {@value #TIME} (epoch milliseconds by the board's clock) or, when the
 * board's clock was never set, {@value #AGE} (milliseconds between taking and sending the reading).
 * The rule takes {@value #TIME} when it is plausible: at most {@link #FUTURE_MILLIS} ms ahead of
 * the rule's time (a clock running fast) and not older than the type's retention (a store would
 * drop or refuse it anyway). Else the rule's time less {@value #AGE} when that is between 0 and the
 * retention; else the rule's time. A repeat of a reading (QoS 1 after a lost PUBACK) carries the
 * same {@value #TIME}, so a store keyed on it keeps one copy.
 */
public final class ReadingTime {
  /** The message key of the board's own time of the reading, epoch milliseconds. */
  public static final String TIME = "ts";

  /** The message key of the reading's age when the board's clock is not set, milliseconds. */
  public static final String AGE = "age_ms";

  /** The message key of how many readings the board dropped (its buffer full) before this one. */
  public static final String DROPPED = "dropped";

  /** How far ahead of the rule's time a board's time may be and still be taken. */
  public static final long FUTURE_MILLIS = 300_000;

  private ReadingTime() {}

  /**
   * The AWS IoT SQL expression of the reading's time in epoch milliseconds, e.g. for a SELECT
   * column or a substitution template. It evaluates to a number for any message, {@value #TIME} and
   * {@value #AGE} absent or malformed included.
   *
   * @param retention the type's retention; its magnetic days bound how old a reading may be
   * @return the expression, valid under both SQL versions
   */
  public static String sql(Retention retention) {
    long oldest = retention.magneticDays() * 86_400_000L;
    String ruleTime = "timestamp()";
    String byAge =
        caseOf(AGE + " >= 0 AND " + AGE + " <= " + oldest, ruleTime + " - " + AGE, ruleTime);
    return caseOf(
        TIME
            + " <= "
            + ruleTime
            + " + "
            + FUTURE_MILLIS
            + " AND "
            + TIME
            + " >= "
            + ruleTime
            + " - "
            + oldest,
        TIME,
        byAge);
  }

  /**
   * {@code then} when the condition holds, else {@code otherwise}. AWS IoT's CASE answers Undefined
   * for an Undefined value instead of taking its ELSE, and a comparison with a missing key is
   * Undefined, so isUndefined is asked first: the result is never Undefined.
   */
  private static String caseOf(String condition, String then, String otherwise) {
    return "CASE isUndefined("
        + condition
        + ") WHEN true THEN "
        + otherwise
        + " ELSE CASE "
        + condition
        + " WHEN true THEN "
        + then
        + " ELSE "
        + otherwise
        + " END END";
  }
}
