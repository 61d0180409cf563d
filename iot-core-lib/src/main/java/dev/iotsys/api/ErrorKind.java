package dev.iotsys.api;

/**
 * The kinds of failure iotsys reports, each with the process exit code the command line maps it to.
 *
 * <p>The codes are part of the documented interface (README, "Exit codes"): scripts rely on them.
 * Codes 1 to 9 are failures of iotsys's own work. Codes 10 to 16 are the links of {@code iotsys
 * sensor test} ({@link Iotsys#testSensor}), one per link in the order a device meets them: the
 * first link that fails decides the code.
 *
 * <table>
 * <caption>The links of a sensor test and their codes</caption>
 * <tr><th>code</th><th>kind</th><th>link that failed</th></tr>
 * <tr><td>10</td><td>{@link #PACKAGE_UNUSABLE}</td><td>the device package</td></tr>
 * <tr><td>11</td><td>{@link #DEVICE_UNREACHABLE}</td><td>TCP connect</td></tr>
 * <tr><td>12</td><td>{@link #SERVER_NOT_TRUSTED}</td><td>TLS: the server's certificate</td></tr>
 * <tr><td>13</td><td>{@link #CERTIFICATE_REFUSED}</td><td>TLS: the device's certificate</td></tr>
 * <tr><td>14</td><td>{@link #CONNECT_REFUSED}</td><td>MQTT CONNECT</td></tr>
 * <tr><td>15</td><td>{@link #PUBLISH_REFUSED}</td><td>MQTT PUBLISH and its PUBACK</td></tr>
 * <tr><td>16</td><td>{@link #NOT_STORED}</td><td>the reading in the store</td></tr>
 * </table>
 */
public enum ErrorKind {
  /** Something iotsys did not expect; a bug or an AWS answer it does not understand. */
  INTERNAL(1, "internal error: an AWS answer or a state iotsys does not understand (run with -v)"),
  /** Bad input: an invalid name, an unknown sensor type, a missing or malformed option. */
  INVALID_INPUT(2, "invalid input: a bad name, value or option"),
  /** The AWS configuration is incomplete: no region, no credentials, an unknown profile. */
  CONFIGURATION(3, "AWS configuration: no region, no credentials, an unusable profile"),
  /** The AWS endpoint could not be reached or closed the connection. */
  UNREACHABLE(4, "the AWS endpoint cannot be reached, did not answer in time, or is not AWS"),
  /** AWS refused the caller: access denied, or a service closed to the account. */
  ACCESS_DENIED(5, "access denied, Timestream's refusal of newer accounts included"),
  /** A precondition in the account is not met, e.g. the database does not exist yet. */
  PRECONDITION(6, "a precondition is not met in the account or the home"),
  /** A command on several items finished, but some of them failed. */
  PARTIAL_FAILURE(7, "some of several items failed"),
  /** {@code status} found resources drifted or missing. */
  NOT_CONVERGED(8, "something is drifted or missing"),
  /** AWS went on throttling a call after the SDK's retries: try again later. */
  THROTTLED(9, "AWS went on throttling after the retries: run again later"),
  /**
   * Sensor test: the device package is missing, incomplete or unreadable, so a board flashed with
   * it could not connect either; {@code iotsys sensor add} writes it again.
   */
  PACKAGE_UNUSABLE(10, "the device package is missing, incomplete or unreadable"),
  /**
   * Sensor test: no TCP connection to the endpoint: its name does not resolve, nothing listens on
   * the port, or the network drops the connection.
   */
  DEVICE_UNREACHABLE(11, "no TCP connection to the device endpoint"),
  /**
   * Sensor test: the server's TLS certificate is not trusted (not signed by a trusted CA, or not
   * issued for the endpoint's name), or the TLS handshake failed before it could be checked.
   */
  SERVER_NOT_TRUSTED(12, "the server's TLS certificate is not trusted"),
  /**
   * Sensor test: the server refused the device's certificate during the TLS handshake; on AWS IoT
   * the certificate is unknown in the account and region, inactive or revoked.
   */
  CERTIFICATE_REFUSED(13, "the server refused the device's certificate"),
  /**
   * Sensor test: the server refused the MQTT CONNECT; AWS IoT closes the connection when the policy
   * does not allow {@code iot:Connect} for the client id, e.g. because the certificate is not
   * attached to its thing or the policy is not attached to the certificate.
   */
  CONNECT_REFUSED(14, "the server refused the MQTT CONNECT"),
  /**
   * Sensor test: the PUBLISH got no PUBACK; AWS IoT disconnects a client whose policy does not
   * allow {@code iot:Publish} to the topic.
   */
  PUBLISH_REFUSED(15, "no PUBACK for the reading"),
  /**
   * Sensor test: the reading did not show up in the store within the wait; the rule's error log
   * tells why, when the rule logged an error.
   */
  NOT_STORED(16, "the reading did not reach the store in time");

  private final int exitCode;
  private final String summary;

  ErrorKind(int exitCode, String summary) {
    this.exitCode = exitCode;
    this.summary = summary;
  }

  /**
   * What the exit code means, in a few words, as help texts list it.
   *
   * @return one lower-case phrase
   */
  public String summary() {
    return summary;
  }

  /**
   * The exit code the command line returns for this kind of failure.
   *
   * @return the process exit code, 1 to 16; each kind has its own
   */
  public int exitCode() {
    return exitCode;
  }
}
