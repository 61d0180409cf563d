package dev.iotsys.api;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Iotsys#testSensor} found: one verdict per link between the device and the store, in
 * the order a device meets them, and the readings it published. Links after the first failure are
 * {@link Verdict#NOT_CHECKED}.
 *
 * @param sensor the sensor's (thing) name
 * @param typeId the sensor's type
 * @param packageFolder the device package that was read
 * @param connection where the test connected, as whom; empty when the package could not be read
 * @param links one check per {@link Link}, in the order of {@link Link#values()}
 * @param publishes the readings published and acknowledged, in order
 */
public record SensorTestResult(
    String sensor,
    String typeId,
    Path packageFolder,
    Optional<Connection> connection,
    List<LinkCheck> links,
    List<Publish> publishes) {

  /**
   * Creates a result; the lists are copied.
   *
   * @param sensor the sensor's (thing) name
   * @param typeId the sensor's type
   * @param packageFolder the device package that was read
   * @param connection where the test connected, or empty
   * @param links one check per link
   * @param publishes the readings published
   */
  public SensorTestResult {
    Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(connection, "connection");
    links = List.copyOf(links);
    publishes = List.copyOf(publishes);
  }

  /**
   * Whether no link failed (a link that was not checked, e.g. the store with a wait of zero, is no
   * failure).
   *
   * @return true when no link failed
   */
  public boolean passed() {
    return failure().isEmpty();
  }

  /**
   * The first link that failed.
   *
   * @return the failed check, or empty when none failed
   */
  public Optional<LinkCheck> failure() {
    return links.stream().filter(l -> l.verdict() == Verdict.FAILED).findFirst();
  }

  /**
   * The kind of the first failure, which is the command line's exit code.
   *
   * @return the kind, or empty when no link failed
   */
  public Optional<ErrorKind> errorKind() {
    return failure().flatMap(LinkCheck::errorKind);
  }

  /** The links between a device and the store, in the order a device meets them. */
  public enum Link {
    /** The device package: its certificate, key and settings, as the board reads them. */
    PACKAGE("package", ErrorKind.PACKAGE_UNUSABLE),
    /** A TCP connection to the endpoint and port. */
    TCP("tcp", ErrorKind.DEVICE_UNREACHABLE),
    /** TLS 1.2: the server's certificate is signed by a trusted CA and names the endpoint. */
    TLS_SERVER("tls-server", ErrorKind.SERVER_NOT_TRUSTED),
    /** TLS 1.2: the server accepted the device's certificate. */
    CLIENT_CERTIFICATE("client-certificate", ErrorKind.CERTIFICATE_REFUSED),
    /** MQTT 3.1.1: the CONNECT with the thing name as client id was accepted. */
    CONNECT("connect", ErrorKind.CONNECT_REFUSED),
    /** MQTT 3.1.1: the PUBLISH at QoS 1 to the device's topic got its PUBACK. */
    PUBACK("puback", ErrorKind.PUBLISH_REFUSED),
    /** The reading shows up in the sensor type's store. */
    STORED("stored", ErrorKind.NOT_STORED);

    private final String id;
    private final ErrorKind failure;

    Link(String id, ErrorKind failure) {
      this.id = id;
      this.failure = failure;
    }

    /**
     * The link's name in output, e.g. {@code tls-server}.
     *
     * @return the name
     */
    public String id() {
      return id;
    }

    /**
     * What a failure of this link is, and so its exit code.
     *
     * @return the kind of failure
     */
    public ErrorKind failure() {
      return failure;
    }
  }

  /** A link's verdict. */
  public enum Verdict {
    /** The link works. */
    PASSED,
    /** The link failed; the check says why and what to do. */
    FAILED,
    /** Not checked: an earlier link failed, or the check was not asked for. */
    NOT_CHECKED
  }

  /**
   * One link's verdict.
   *
   * @param link the link
   * @param verdict the verdict
   * @param detail one sentence: what was seen, and on failure what to do
   * @param errorKind on failure, the kind of failure (the link's own, or the kind of an AWS error
   *     that kept the link from being checked); empty otherwise
   */
  public record LinkCheck(
      Link link, Verdict verdict, String detail, Optional<ErrorKind> errorKind) {
    /**
     * Creates a check.
     *
     * @param link the link
     * @param verdict the verdict
     * @param detail one sentence
     * @param errorKind on failure, the kind of failure
     */
    public LinkCheck {
      Objects.requireNonNull(link, "link");
      Objects.requireNonNull(verdict, "verdict");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(errorKind, "errorKind");
    }

    /**
     * A link that works.
     *
     * @param link the link
     * @param detail what was seen
     * @return the check
     */
    public static LinkCheck passed(Link link, String detail) {
      return new LinkCheck(link, Verdict.PASSED, detail, Optional.empty());
    }

    /**
     * A link that failed with its own kind of failure.
     *
     * @param link the link
     * @param detail what was seen and what to do
     * @return the check
     */
    public static LinkCheck failed(Link link, String detail) {
      return new LinkCheck(link, Verdict.FAILED, detail, Optional.of(link.failure()));
    }

    /**
     * A link that was not checked.
     *
     * @param link the link
     * @param why why not
     * @return the check
     */
    public static LinkCheck notChecked(Link link, String why) {
      return new LinkCheck(link, Verdict.NOT_CHECKED, why, Optional.empty());
    }
  }

  /**
   * Where and as whom the test connected.
   *
   * @param host the host connected to
   * @param port the port connected to
   * @param clientId the MQTT client id: the package's thing name
   * @param topic the topic published to
   * @param keepaliveSeconds the keepalive sent in the CONNECT
   * @param alpn the ALPN protocol offered in the TLS handshake, if any
   */
  public record Connection(
      String host,
      int port,
      String clientId,
      String topic,
      int keepaliveSeconds,
      Optional<String> alpn) {}

  /**
   * One reading published and acknowledged.
   *
   * @param index its number, from 1
   * @param values the value sent for each measure, in the type's order
   * @param payload the message as sent
   * @param sentAt when the PUBLISH was sent
   * @param acknowledgedAfter how long its PUBACK took
   */
  public record Publish(
      int index,
      Map<String, BigDecimal> values,
      String payload,
      Instant sentAt,
      Duration acknowledgedAfter) {
    /**
     * Creates the record; the values are copied, in their order.
     *
     * @param index its number, from 1
     * @param values the value sent for each measure
     * @param payload the message as sent
     * @param sentAt when the PUBLISH was sent
     * @param acknowledgedAfter how long its PUBACK took
     */
    public Publish {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The value sent for the type's first measure.
     *
     * @return the value
     */
    public BigDecimal value() {
      return values.values().iterator().next();
    }
  }
}
