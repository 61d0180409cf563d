package dev.iotsys.api;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Iotsys#testSensor} should do: act as one sensor's board, with its own package, and
 * follow its readings into the store. Start from {@link #of(String)} and change what differs.
 *
 * @param typeId the sensor's type; empty to find it from the package folders under the home
 * @param name the sensor's (thing) name
 * @param value the value sent for the type's first measure; empty for a value from the middle of
 *     its plausible range ({@code Measure#typical}), as every other measure gets (the first
 *     reading's, when {@code count} is more than one; later ones drift from it as a real reading
 *     would)
 * @param storeWait how long to look for the reading in the store after its PUBACK, 0 to 15 minutes;
 *     zero stops after the PUBACK
 * @param endpoint {@code HOST:PORT} to connect to instead of the package's endpoint and port, e.g.
 *     a local broker; port 443 offers the ALPN protocol {@code x-amzn-mqtt-ca}, as AWS IoT needs
 *     there
 * @param caFile a PEM or DER file of CA certificates: the server must be signed by one of them and
 *     name the host, instead of what the board trusts (a board that checks no server, as the board
 *     with axTLS, is then checked too)
 * @param count how many readings to publish, 1 to 10000, on one connection
 * @param interval the time between two readings when {@code count} is more than one, 1 second to 1
 *     day
 */
public record SensorTestRequest(
    Optional<String> typeId,
    String name,
    Optional<BigDecimal> value,
    Duration storeWait,
    Optional<String> endpoint,
    Optional<Path> caFile,
    int count,
    Duration interval) {

  /** How long the store is watched when no wait is given. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

  /** The time between readings when none is given: a minute. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);

  /**
   * Creates a request; ranges are checked by {@link Iotsys#testSensor}.
   *
   * @param typeId the sensor's type, or empty to find it from the package folders
   * @param name the sensor's (thing) name
   * @param value the value sent for the first measure, or empty for one from its range
   * @param storeWait how long to look for the reading in the store; zero for not at all
   * @param endpoint {@code HOST:PORT} instead of the package's endpoint, or empty
   * @param caFile the CA certificates to trust instead of the board's, or empty
   * @param count how many readings to publish
   * @param interval the time between two readings
   */
  public SensorTestRequest {
    Objects.requireNonNull(typeId, "typeId");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(storeWait, "storeWait");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(interval, "interval");
  }

  /**
   * A test of one sensor with the defaults: its type found from its package, values from the middle
   * of each measure's plausible range, {@link #DEFAULT_WAIT}, the package's endpoint, the board's
   * own trust, one reading.
   *
   * @param name the sensor's (thing) name
   * @return the request
   */
  public static SensorTestRequest of(String name) {
    return new SensorTestRequest(
        Optional.empty(),
        name,
        Optional.empty(),
        DEFAULT_WAIT,
        Optional.empty(),
        Optional.empty(),
        1,
        DEFAULT_INTERVAL);
  }

  /**
   * This request for a sensor of the given type.
   *
   * @param type the sensor type's id
   * @return a copy with the type set
   */
  public SensorTestRequest withType(String type) {
    return new SensorTestRequest(
        Optional.of(type), name, value, storeWait, endpoint, caFile, count, interval);
  }

  /**
   * This request with another value for the first measure.
   *
   * @param newValue the value sent for the type's first measure
   * @return a copy with the value set
   */
  public SensorTestRequest withValue(BigDecimal newValue) {
    return new SensorTestRequest(
        typeId, name, Optional.of(newValue), storeWait, endpoint, caFile, count, interval);
  }

  /**
   * This request with another wait for the store.
   *
   * @param newWait how long to look for the reading; zero for not at all
   * @return a copy with the wait set
   */
  public SensorTestRequest withWait(Duration newWait) {
    return new SensorTestRequest(typeId, name, value, newWait, endpoint, caFile, count, interval);
  }

  /**
   * This request against another server.
   *
   * @param hostAndPort {@code HOST:PORT}, e.g. {@code localhost:8883}
   * @return a copy with the endpoint set
   */
  public SensorTestRequest withEndpoint(String hostAndPort) {
    return new SensorTestRequest(
        typeId, name, value, storeWait, Optional.of(hostAndPort), caFile, count, interval);
  }

  /**
   * This request trusting only the given CA certificates instead of the board's.
   *
   * @param file a PEM or DER file of CA certificates
   * @return a copy with the CA file set
   */
  public SensorTestRequest withCaFile(Path file) {
    return new SensorTestRequest(
        typeId, name, value, storeWait, endpoint, Optional.of(file), count, interval);
  }

  /**
   * This request as a simulated sensor: several readings, one every interval.
   *
   * @param readings how many readings to publish
   * @param every the time between two readings
   * @return a copy with the count and interval set
   */
  public SensorTestRequest withReadings(int readings, Duration every) {
    return new SensorTestRequest(typeId, name, value, storeWait, endpoint, caFile, readings, every);
  }
}
