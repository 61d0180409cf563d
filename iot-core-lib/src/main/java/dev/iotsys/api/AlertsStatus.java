package dev.iotsys.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The alerts as they are in the account, read without changing anything: the e-mail subscriptions
 * of the alerts topic, and each sensor's alarms with their state.
 *
 * @param enabled whether the alerts topic exists
 * @param topicArn the topic's ARN, when it exists
 * @param subscriptions the topic's e-mail subscriptions, by address
 * @param sensors every sensor iotsys manages, with its alarms (none when alerts are not enabled)
 */
public record AlertsStatus(
    boolean enabled,
    Optional<String> topicArn,
    List<Subscription> subscriptions,
    List<SensorAlerts> sensors) {
  /**
   * Creates a status; the lists are copied.
   *
   * @param enabled whether the alerts topic exists
   * @param topicArn the topic's ARN, when it exists
   * @param subscriptions the topic's e-mail subscriptions
   * @param sensors every sensor, with its alarms
   */
  public AlertsStatus {
    subscriptions = List.copyOf(subscriptions);
    sensors = List.copyOf(sensors);
  }

  /**
   * The status when alerts are not enabled.
   *
   * @return a status with nothing in it
   */
  public static AlertsStatus disabled() {
    return new AlertsStatus(false, Optional.empty(), List.of(), List.of());
  }

  /**
   * The subscriptions still awaiting the click on AWS's confirmation link.
   *
   * @return the pending subscriptions; empty when every address confirmed
   */
  public List<Subscription> pending() {
    return subscriptions.stream().filter(Subscription::pending).toList();
  }

  /**
   * The alarms in state {@link AlarmState#ALARM}, of every sensor.
   *
   * @return the alarms going off now
   */
  public List<Alarm> inAlarm() {
    return sensors.stream()
        .flatMap(s -> s.alarms().stream())
        .filter(a -> a.state() == AlarmState.ALARM)
        .toList();
  }

  /**
   * One e-mail subscription of the topic.
   *
   * @param address the e-mail address
   * @param pending true until the address's owner clicks the link AWS e-mailed
   */
  public record Subscription(String address, boolean pending) {}

  /**
   * One sensor's alarms.
   *
   * @param sensor the thing name
   * @param typeId its sensor type
   * @param armed whether its silence alarm notifies (a new sensor's starts unarmed)
   * @param silentAfter the silence alarm's window, when the sensor has one
   * @param alarms its alarms: the silence alarm first, then the thresholds by name
   */
  public record SensorAlerts(
      String sensor,
      String typeId,
      boolean armed,
      Optional<Duration> silentAfter,
      List<Alarm> alarms) {
    /**
     * Creates a sensor's entry; the list is copied.
     *
     * @param sensor the thing name
     * @param typeId its sensor type
     * @param armed whether its silence alarm notifies
     * @param silentAfter the silence alarm's window, when it has one
     * @param alarms its alarms
     */
    public SensorAlerts {
      alarms = List.copyOf(alarms);
    }
  }

  /**
   * One CloudWatch alarm of a sensor.
   *
   * @param name the alarm's name, e.g. {@code iotsys/kitchen/silent}
   * @param kind what it watches
   * @param measure for a threshold, the measure it watches
   * @param threshold for a threshold, the value
   * @param state the alarm's state now
   * @param actionsEnabled whether it notifies the topic when its state changes
   */
  public record Alarm(
      String name,
      AlarmKind kind,
      Optional<String> measure,
      Optional<BigDecimal> threshold,
      AlarmState state,
      boolean actionsEnabled) {}

  /** What an alarm watches. */
  public enum AlarmKind {
    /** No reading for the sensor's silence window. */
    SILENT,
    /** A measure above its threshold. */
    ABOVE,
    /** A measure below its threshold. */
    BELOW
  }

  /** A CloudWatch alarm's state. */
  public enum AlarmState {
    /** Within its threshold, or readings arrive. */
    OK,
    /** Outside its threshold, or no reading for the window. */
    ALARM,
    /** Not evaluated yet, or not enough data. */
    INSUFFICIENT_DATA
  }
}
