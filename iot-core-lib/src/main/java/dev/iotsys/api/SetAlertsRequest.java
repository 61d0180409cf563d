package dev.iotsys.api;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code alerts set} changes for one sensor. Settings not given stay as they are.
 *
 * @param sensor the sensor's (thing) name
 * @param measure the measure the thresholds are for; may be empty when the sensor's type has one
 *     measure only
 * @param silentAfter how long without a reading before the silence alarm goes off, e.g. {@code 30m}
 *     or {@code 2h}: whole minutes from 10 minutes to 24 hours
 * @param above alarm when the measure's maximum in a minute is above this
 * @param below alarm when the measure's minimum in a minute is below this
 * @param clear drop the thresholds not given in this request (of {@code measure}, or of every
 *     measure when it is empty)
 * @param arm let the silence alarm notify from now on, whether or not a reading arrived yet
 * @param dryRun when true, only reads and returns the plan
 */
public record SetAlertsRequest(
    String sensor,
    Optional<String> measure,
    Optional<String> silentAfter,
    Optional<BigDecimal> above,
    Optional<BigDecimal> below,
    boolean clear,
    boolean arm,
    boolean dryRun) {
  /**
   * Creates a request.
   *
   * @param sensor the sensor's (thing) name
   * @param measure the measure the thresholds are for, or empty
   * @param silentAfter the silence window, e.g. {@code 30m}, or empty to keep it
   * @param above the upper threshold, or empty to keep it
   * @param below the lower threshold, or empty to keep it
   * @param clear drop the thresholds not given
   * @param arm let the silence alarm notify from now on
   * @param dryRun only read and plan
   */
  public SetAlertsRequest {
    Objects.requireNonNull(measure, "measure");
    Objects.requireNonNull(silentAfter, "silentAfter");
    Objects.requireNonNull(above, "above");
    Objects.requireNonNull(below, "below");
  }

  /**
   * Whether the request changes anything at all.
   *
   * @return false when no setting is given
   */
  public boolean asksForAChange() {
    return silentAfter.isPresent() || above.isPresent() || below.isPresent() || clear || arm;
  }
}
