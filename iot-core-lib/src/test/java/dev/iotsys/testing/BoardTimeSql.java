package dev.iotsys.testing;

/**
 * The AWS IoT SQL expression of a reading's time that the store rules must hold, written out by
 * hand from the BUFFER contract, not taken from the code under test: the board's {@code ts} when it
 * is at most 5 minutes ahead of the rule's time and not older than the type's retention; else the
 * rule's time less {@code age_ms} when that is 0 to the retention; else the rule's time. Each CASE
 * asks isUndefined first: a comparison with a missing key is Undefined, and AWS IoT's CASE of an
 * Undefined value is Undefined, not its ELSE.
 */
public final class BoardTimeSql {
  private BoardTimeSql() {}

  /**
   * @param retentionMillis the type's retention in milliseconds, e.g. 2592000000 for 30 days
   */
  public static String of(long retentionMillis) {
    String byAge =
        "CASE isUndefined(age_ms >= 0 AND age_ms <= "
            + retentionMillis
            + ") WHEN true THEN timestamp()"
            + " ELSE CASE age_ms >= 0 AND age_ms <= "
            + retentionMillis
            + " WHEN true THEN timestamp() - age_ms ELSE timestamp() END END";
    String boardTime = "ts <= timestamp() + 300000 AND ts >= timestamp() - " + retentionMillis;
    return "CASE isUndefined("
        + boardTime
        + ") WHEN true THEN "
        + byAge
        + " ELSE CASE "
        + boardTime
        + " WHEN true THEN ts ELSE "
        + byAge
        + " END END";
  }
}
