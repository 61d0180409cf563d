package dev.iotsys.internal.alerts;

import dev.iotsys.api.AlertsStatus.AlarmKind;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS names of everything alerts make. They derive from the sensor and type names alone, so
 * every run finds what an earlier one made. Alarm names are {@code iotsys/<sensor>/...}: thing
 * names cannot contain {@code /}, so the prefix {@code iotsys/<sensor>/} holds exactly one sensor's
 * alarms, and an e-mail's subject ({@code ALARM: "iotsys/kitchen/silent"}) says which.
 */
public final class AlertNames {
  /** The one topic every alarm notifies. */
  public static final String TOPIC = "iotsys-alerts";

  /** What e-mail clients show as the sender. */
  public static final String TOPIC_DISPLAY_NAME = "iotsys alerts";

  /** The start of every alarm name iotsys makes. */
  public static final String ALARM_PREFIX = "iotsys/";

  private static final String SILENT = "silent";
  private static final Pattern THRESHOLD = Pattern.compile("([A-Za-z][A-Za-z0-9_]*)-(above|below)");

  private AlertNames() {}

  /**
   * The metric namespace of a type's readings: fixed per type, so that the role may put metrics
   * into this one namespace only (the {@code cloudwatch:namespace} condition key).
   */
  public static String namespace(String typeId) {
    return "iotsys/" + typeId;
  }

  /** One measure of one sensor: metric actions take no dimensions, so the device is in the name. */
  public static String metric(String sensor, String measure) {
    return sensor + "/" + measure;
  }

  /**
   * The rule that publishes a type's readings as metrics. Not {@code iotsys_...}: type ids may
   * contain underscores, so any name of that form could be another type's readings rule.
   */
  public static String metricsRule(String typeId) {
    return "iotsysmetrics_" + typeId;
  }

  /** The metrics rule's role: ends in {@code -metrics}, where a readings rule's ends in -rule. */
  public static String metricsRole(String typeId) {
    return "iotsys-" + typeId + "-metrics";
  }

  /** The metrics role's inline policy. */
  public static String metricsRolePolicy(String typeId) {
    return metricsRole(typeId) + "-access";
  }

  /** Every alarm of one sensor starts with this. */
  public static String sensorPrefix(String sensor) {
    return ALARM_PREFIX + sensor + "/";
  }

  /** The alarm that goes off when the sensor sends nothing. */
  public static String silence(String sensor) {
    return sensorPrefix(sensor) + SILENT;
  }

  /** A threshold alarm, e.g. {@code iotsys/kitchen/temperature-above}. */
  public static String threshold(String sensor, String measure, AlarmKind kind) {
    return sensorPrefix(sensor) + measure + "-" + kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * What an alarm name says.
   *
   * @param sensor the sensor
   * @param kind what the alarm watches
   * @param measure for a threshold, its measure
   */
  public record Parsed(String sensor, AlarmKind kind, Optional<String> measure) {}

  /** Reads an alarm name iotsys made; empty for any other name. */
  public static Optional<Parsed> parse(String alarmName) {
    if (alarmName == null || !alarmName.startsWith(ALARM_PREFIX)) {
      return Optional.empty();
    }
    String rest = alarmName.substring(ALARM_PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0) {
      return Optional.empty();
    }
    String sensor = rest.substring(0, slash);
    String what = rest.substring(slash + 1);
    if (what.equals(SILENT)) {
      return Optional.of(new Parsed(sensor, AlarmKind.SILENT, Optional.empty()));
    }
    Matcher m = THRESHOLD.matcher(what);
    if (m.matches()) {
      return Optional.of(
          new Parsed(
              sensor,
              AlarmKind.valueOf(m.group(2).toUpperCase(Locale.ROOT)),
              Optional.of(m.group(1))));
    }
    return Optional.empty();
  }
}
