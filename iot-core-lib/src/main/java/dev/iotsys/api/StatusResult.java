package dev.iotsys.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The state of an installation, read without changing anything.
 *
 * @param database the database
 * @param resources every resource install manages, with its state
 * @param sensors every sensor iotsys manages
 * @param alerts the alerts' subscriptions and each sensor's alarms; shown, not part of {@link
 *     #converged()}
 * @param apiCalls the AWS calls the status made (all reads)
 */
public record StatusResult(
    String database,
    List<ResourceStatus> resources,
    List<SensorStatus> sensors,
    AlertsStatus alerts,
    ApiCalls apiCalls) {
  /**
   * Creates a result; the lists are copied.
   *
   * @param database the database
   * @param resources every resource install manages, with its state
   * @param sensors every sensor iotsys manages
   * @param alerts the alerts' subscriptions and alarms
   * @param apiCalls the AWS calls the status made
   */
  public StatusResult {
    resources = List.copyOf(resources);
    sensors = List.copyOf(sensors);
    java.util.Objects.requireNonNull(alerts, "alerts");
  }

  /**
   * A result without alerts (they are not enabled).
   *
   * @param database the database
   * @param resources every resource install manages, with its state
   * @param sensors every sensor iotsys manages
   * @param apiCalls the AWS calls the status made
   */
  public StatusResult(
      String database,
      List<ResourceStatus> resources,
      List<SensorStatus> sensors,
      ApiCalls apiCalls) {
    this(database, resources, sensors, AlertsStatus.disabled(), apiCalls);
  }

  /**
   * Whether every resource is present as desired and every sensor is healthy: exactly one active
   * certificate, its key intact in this home, its device package complete. Alarms going off and
   * pending subscriptions do not count: they are the alerts' news, not a fault of the installation.
   *
   * @return true when nothing is drifted or missing
   */
  public boolean converged() {
    return resources.stream().allMatch(r -> r.state() == State.PRESENT || r.state() == State.KEPT)
        && sensors.stream().allMatch(SensorStatus::healthy);
  }

  /** The state of one resource. */
  public enum State {
    /** It exists as desired. */
    PRESENT,
    /** It exists but differs; {@link ResourceStatus#differences()} says how. */
    DRIFTED,
    /** It does not exist. */
    MISSING,
    /**
     * It holds readings of a store or database the sensor type no longer writes to; it is kept
     * until {@code uninstall --delete-data}, and is not a problem while it is protected (a kept
     * table without its deletion protection is {@link #DRIFTED}).
     */
    KEPT
  }

  /**
   * One resource's state.
   *
   * @param kind the resource kind
   * @param name its name in AWS
   * @param state present, drifted, missing or kept
   * @param differences for a drifted resource, what differs; for a kept one, why it is kept
   * @param readings for a resource that holds readings, how many, as its service counts them
   *     without a query (DynamoDB's item count, refreshed about every six hours); empty otherwise
   */
  public record ResourceStatus(
      String kind, String name, State state, List<String> differences, OptionalLong readings) {
    /**
     * Creates a status; the list is copied.
     *
     * @param kind the resource kind
     * @param name its name in AWS
     * @param state present, drifted, missing or kept
     * @param differences for a drifted resource, what differs; empty otherwise
     * @param readings how many readings it holds, when its service counts them
     */
    public ResourceStatus {
      differences = List.copyOf(differences);
      java.util.Objects.requireNonNull(readings, "readings");
    }

    /**
     * A status of a resource whose readings are not counted.
     *
     * @param kind the resource kind
     * @param name its name in AWS
     * @param state present, drifted, missing or kept
     * @param differences for a drifted resource, what differs; empty otherwise
     */
    public ResourceStatus(String kind, String name, State state, List<String> differences) {
      this(kind, name, state, differences, OptionalLong.empty());
    }
  }

  /**
   * One sensor's state.
   *
   * @param name the thing name
   * @param typeId its sensor type
   * @param certificates its certificates and their status
   * @param keyState what this home's key folder holds for it
   * @param packageMissing whether its type has device packages and this home's is incomplete
   * @param lastReading the time of its newest reading in the window looked at, if any
   * @param publishEvery how many readings its board keeps before it connects
   * @param expectedInterval how often its readings arrive (its type's interval times {@code
   *     publishEvery})
   * @param health whether its newest reading is on time for that interval, late, or silent
   */
  public record SensorStatus(
      String name,
      String typeId,
      List<SensorInfo.Certificate> certificates,
      KeyState keyState,
      boolean packageMissing,
      Optional<Instant> lastReading,
      int publishEvery,
      java.time.Duration expectedInterval,
      SensorHealth.Health health) {
    /**
     * Creates a status; the list is copied.
     *
     * @param name the thing name
     * @param typeId its sensor type
     * @param certificates its certificates and their status
     * @param keyState what this home's key folder holds for it
     * @param packageMissing whether its type has device packages and this home's is incomplete
     * @param lastReading the time of its newest reading in the window looked at, if any
     * @param publishEvery how many readings its board keeps before it connects
     * @param expectedInterval how often its readings arrive
     * @param health whether its newest reading is on time, late, or silent
     */
    public SensorStatus {
      certificates = List.copyOf(certificates);
    }

    /**
     * A sensor's status from what {@code sensor list} knows of it and its newest reading.
     *
     * @param sensor the sensor as listed
     * @param lastReading the time of its newest reading, if any
     * @param health whether that reading is on time for the sensor's interval
     * @return its status
     */
    public static SensorStatus of(
        SensorInfo sensor, Optional<Instant> lastReading, SensorHealth.Health health) {
      return new SensorStatus(
          sensor.name(),
          sensor.typeId(),
          sensor.certificates(),
          sensor.keyState(),
          sensor.packageFolder().isPresent() && !sensor.packagePresent(),
          lastReading,
          sensor.publishEvery(),
          sensor.expectedInterval(),
          health);
    }

    /**
     * Whether its private key is on this machine, usable.
     *
     * @return true when {@link #keyState()} is usable
     */
    public boolean keyPresent() {
      return keyState.usable();
    }

    /**
     * Whether the sensor can connect and this home can serve it: exactly one certificate, active,
     * its key here intact, and its device package complete.
     *
     * @return true when healthy
     */
    public boolean healthy() {
      return certificates.size() == 1
          && "ACTIVE".equals(certificates.get(0).status())
          && keyState == KeyState.PRESENT
          && !packageMissing;
    }
  }
}
