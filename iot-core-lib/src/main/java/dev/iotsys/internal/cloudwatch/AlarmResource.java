package dev.iotsys.internal.cloudwatch;

import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.Resource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * A CloudWatch metric alarm on one metric, without dimensions. PutMetricAlarm creates it or
 * replaces it whole, so create and update are the same call; every setting iotsys gives is
 * compared, and one edited by hand is put back.
 *
 * <p>Whether the alarm notifies (ActionsEnabled) is either part of the desired state, or, for an
 * alarm that starts unarmed, something that only ever goes from off to on ({@link #arming}): a
 * later run never disarms it. Arming an alarm that is in ALARM already sets it back to
 * INSUFFICIENT_DATA, because CloudWatch notifies only on a change of state: without that, an alarm
 * armed while it is going off would never tell anyone.
 */
public final class AlarmResource implements Resource<MetricAlarm>, Deleter<MetricAlarm> {
  private final CloudWatchClient cloudWatch;
  private final PutMetricAlarmRequest desired;
  private final boolean arming;
  private Optional<MetricAlarm> known;

  /**
   * An alarm resource.
   *
   * @param desired the alarm, with ActionsEnabled as it should be (or, with {@code arming}, as it
   *     starts, and true to arm it)
   * @param arming whether ActionsEnabled only ever goes from off to on
   */
  public AlarmResource(CloudWatchClient cloudWatch, PutMetricAlarmRequest desired, boolean arming) {
    this.cloudWatch = cloudWatch;
    this.desired = desired;
    this.arming = arming;
  }

  /** An alarm that exists, as listed, to be deleted (removal never asks for a desired state). */
  public static AlarmResource existing(CloudWatchClient cloudWatch, MetricAlarm alarm) {
    return new AlarmResource(
            cloudWatch, PutMetricAlarmRequest.builder().alarmName(alarm.alarmName()).build(), false)
        .knownToBe(Optional.of(alarm));
  }

  /** The alarm as the same command listed it a moment ago; later reads ask AWS. */
  public AlarmResource knownToBe(Optional<MetricAlarm> alarm) {
    this.known = alarm;
    return this;
  }

  @Override
  public String kind() {
    return "cloudwatch-alarm";
  }

  @Override
  public String name() {
    return desired.alarmName();
  }

  @Override
  public Optional<MetricAlarm> read() {
    if (known != null) {
      Optional<MetricAlarm> alarm = known;
      known = null;
      return alarm;
    }
    return cloudWatch.describeAlarms(r -> r.alarmNames(desired.alarmName())).metricAlarms().stream()
        .filter(a -> desired.alarmName().equals(a.alarmName()))
        .findFirst();
  }

  @Override
  public List<String> differences(MetricAlarm actual) {
    List<String> diffs = new ArrayList<>();
    compare(diffs, "namespace", actual.namespace(), desired.namespace());
    compare(diffs, "metric", actual.metricName(), desired.metricName());
    compare(diffs, "statistic", actual.statisticAsString(), desired.statisticAsString());
    compare(diffs, "period", actual.period(), desired.period());
    compare(diffs, "evaluation periods", actual.evaluationPeriods(), desired.evaluationPeriods());
    compare(diffs, "datapoints to alarm", actual.datapointsToAlarm(), desired.datapointsToAlarm());
    if (actual.threshold() == null
        || BigDecimal.valueOf(actual.threshold()).compareTo(BigDecimal.valueOf(desired.threshold()))
            != 0) {
      diffs.add(
          "threshold: " + shown(actual.threshold()) + " \u2192 " + shown(desired.threshold()));
    }
    compare(
        diffs,
        "comparison",
        actual.comparisonOperatorAsString(),
        desired.comparisonOperatorAsString());
    compare(diffs, "missing data", actual.treatMissingData(), desired.treatMissingData());
    compare(
        diffs,
        "alarm actions",
        new TreeSet<>(actual.alarmActions()),
        new TreeSet<>(desired.alarmActions()));
    compare(
        diffs, "OK actions", new TreeSet<>(actual.okActions()), new TreeSet<>(desired.okActions()));
    compare(
        diffs,
        "insufficient data actions",
        new TreeSet<>(actual.insufficientDataActions()),
        new TreeSet<>(desired.insufficientDataActions()));
    if (!actual.dimensions().isEmpty()) {
      diffs.add("dimensions: " + actual.dimensions() + " \u2192 none");
    }
    compare(diffs, "unit", actual.unitAsString(), desired.unitAsString());
    if (!Objects.equals(actual.alarmDescription(), desired.alarmDescription())) {
      diffs.add("description: " + tails(actual.alarmDescription(), desired.alarmDescription()));
    }
    boolean actions = Boolean.TRUE.equals(actual.actionsEnabled());
    if (actions != actionsEnabled(actual)) {
      diffs.add(
          arming
              ? "not armed \u2192 armed"
              : "actions " + (actions ? "on" : "off") + " \u2192 " + (actions ? "off" : "on"));
    }
    return diffs;
  }

  private boolean actionsEnabled(MetricAlarm actual) {
    boolean wanted = Boolean.TRUE.equals(desired.actionsEnabled());
    return arming ? wanted || Boolean.TRUE.equals(actual.actionsEnabled()) : wanted;
  }

  @Override
  public void create() {
    cloudWatch.putMetricAlarm(desired);
  }

  @Override
  public void update(MetricAlarm actual) {
    boolean enabled = actionsEnabled(actual);
    cloudWatch.putMetricAlarm(desired.toBuilder().actionsEnabled(enabled).build());
    boolean armedNow = enabled && !Boolean.TRUE.equals(actual.actionsEnabled());
    if (armedNow && actual.stateValue() == StateValue.ALARM) {
      cloudWatch.setAlarmState(
          r ->
              r.alarmName(desired.alarmName())
                  .stateValue(StateValue.INSUFFICIENT_DATA)
                  .stateReason(
                      "Armed by iotsys: evaluated afresh, so that it notifies if it goes off"));
    }
  }

  @Override
  public Optional<String> delete(MetricAlarm actual) {
    cloudWatch.deleteAlarms(r -> r.alarmNames(desired.alarmName()));
    return Optional.empty();
  }

  private static void compare(List<String> diffs, String what, Object current, Object wanted) {
    if (!Objects.equals(current, wanted)) {
      diffs.add(what + ": " + shown(current) + " \u2192 " + shown(wanted));
    }
  }

  /**
   * Two descriptions from the word where they part, e.g. {@code …silent-after=30m →
   * …silent-after=30m temperature-above=30}: they are long, and mostly the same.
   */
  static String tails(String current, String wanted) {
    if (current == null || wanted == null) {
      return shown(current) + " \u2192 " + shown(wanted);
    }
    int same = 0;
    while (same < current.length()
        && same < wanted.length()
        && current.charAt(same) == wanted.charAt(same)) {
      same++;
    }
    int word =
        Math.max(
            current.lastIndexOf(' ', Math.max(0, same - 1)),
            wanted.lastIndexOf(' ', Math.max(0, same - 1)));
    int from = Math.min(word + 1, Math.min(current.length(), wanted.length()));
    String cut = from > 0 ? "\u2026" : "";
    return cut + current.substring(from) + " \u2192 " + cut + wanted.substring(from);
  }

  private static String shown(Object value) {
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    return value == null ? "none" : String.valueOf(value);
  }
}
