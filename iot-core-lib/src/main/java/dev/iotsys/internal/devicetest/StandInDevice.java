package dev.iotsys.internal.devicetest;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.SensorTestRequest;
import dev.iotsys.api.SensorTestResult;
import dev.iotsys.api.SensorTestResult.Connection;
import dev.iotsys.api.SensorTestResult.Link;
import dev.iotsys.api.SensorTestResult.LinkCheck;
import dev.iotsys.api.SensorTestResult.Publish;
import dev.iotsys.internal.Names;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.internal.sensor.local.SensorFolders;
import dev.iotsys.spi.DeviceConnection;
import dev.iotsys.spi.DevicePackageReader;
import dev.iotsys.spi.KeyFormats;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocket;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code iotsys sensor test}: stands in for a sensor's board, whichever type it is. Reads its
 * package with the type's own reader, connects as the firmware does (the board's TLS versions, key
 * and trust, MQTT 3.1.1 with the thing name as client id), publishes the firmware's message for a
 * plausible value of each measure at QoS 1, then looks for the reading in the store. Each link gets
 * a verdict; the first failure ends the test, and what it says is meant to be acted on. Bad input
 * fails before any connection is made. No phase of the connection outlasts its limit, however
 * slowly a server answers ({@link Deadline}).
 */
public final class StandInDevice {
  static final Duration MAX_WAIT = Duration.ofMinutes(15);
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
  static final Duration MAX_INTERVAL = Duration.ofDays(1);
  static final int MAX_COUNT = 10_000;

  /**
   * The backstop behind each MQTT exchange's own limit ({@link MqttSession#TIMEOUT}): a server that
   * trickles bytes keeps Paho's reader busy, so the socket is closed a little after that limit.
   */
  static final Duration EXCHANGE_DEADLINE = MqttSession.TIMEOUT.plusSeconds(5);

  /** This machine's clock and AWS's may differ: a reading stamped this much earlier counts. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private final SensorTypeRegistry registry;
  private final SensorFolders files;
  private final ReadingTrail trail;
  private final CertificateAttachment attachment;
  private final Duration poll;
  private final Duration handshakeDeadline;

  public StandInDevice(
      SensorTypeRegistry registry, Path home, ReadingTrail trail, Supplier<IotClient> iot) {
    this(registry, home, trail, iot, Duration.ofSeconds(2));
  }

  StandInDevice(
      SensorTypeRegistry registry,
      Path home,
      ReadingTrail trail,
      Supplier<IotClient> iot,
      Duration poll) {
    this(registry, home, trail, iot, poll, DeviceTls.HANDSHAKE_DEADLINE);
  }

  /**
   * @param handshakeDeadline the longest the TLS handshake may take in all
   */
  StandInDevice(
      SensorTypeRegistry registry,
      Path home,
      ReadingTrail trail,
      Supplier<IotClient> iot,
      Duration poll,
      Duration handshakeDeadline) {
    this.registry = registry;
    this.files = new SensorFolders(home);
    this.trail = trail;
    this.attachment = new CertificateAttachment(iot);
    this.poll = poll;
    this.handshakeDeadline = handshakeDeadline;
  }

  /** {@code HOST:PORT} given instead of the package's endpoint. */
  record Endpoint(String host, int port) {
    static Endpoint parse(String text) {
      String invalid =
          "Invalid --endpoint '"
              + Names.printable(text)
              + "': use HOST:PORT, e.g. localhost:8883 or [::1]:8883";
      int colon = text == null ? -1 : text.lastIndexOf(':');
      if (colon <= 0 || colon == text.length() - 1) {
        throw new IotsysException(ErrorKind.INVALID_INPUT, invalid);
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      } else if (host.contains(":")) {
        throw new IotsysException(ErrorKind.INVALID_INPUT, invalid);
      }
      if (!host.matches("[A-Za-z0-9.:_-]{1,253}")) {
        throw new IotsysException(ErrorKind.INVALID_INPUT, invalid);
      }
      int port;
      try {
        port = Integer.parseInt(text.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IotsysException(ErrorKind.INVALID_INPUT, invalid);
      }
      if (port < 1 || port > 65535) {
        throw new IotsysException(ErrorKind.INVALID_INPUT, invalid);
      }
      return new Endpoint(host, port);
    }
  }

  public SensorTestResult run(SensorTestRequest request, IotsysListener listener) {
    String name = Names.thingName(request.name());
    check(request);
    Optional<Endpoint> override = request.endpoint().map(Endpoint::parse);
    DeviceTls tls = DeviceTls.trusting(request.caFile(), handshakeDeadline);
    SensorType type = type(request.typeId(), name);
    DevicePackageReader reader = type.devicePackageReader().orElseThrow();
    Path folder = files.devicePackage(type.id(), name);
    Checks checks = new Checks(listener);
    List<Publish> publishes = new ArrayList<>();

    Optional<DeviceConnection> device = readPackage(type, reader, folder, name, checks);
    if (device.isEmpty()) {
      return checks.result(name, type, folder, Optional.empty(), publishes, request);
    }
    DeviceConnection identity = device.get();
    String host = override.map(Endpoint::host).orElse(identity.endpoint());
    int port = override.map(Endpoint::port).orElse(identity.port());
    Optional<String> alpn = identity.alpn().or(() -> DeviceTls.alpnFor(port));
    Optional<Connection> connection =
        Optional.of(
            new Connection(
                host,
                port,
                identity.clientId(),
                identity.topic(),
                identity.keepaliveSeconds(),
                alpn));

    DeviceTls.Opened opened = tls.open(host, port, alpn, identity);
    opened.checks().forEach(checks::add);
    if (opened.socket().isEmpty()) {
      return checks.result(name, type, folder, connection, publishes, request);
    }
    boolean awsEndpoint = host.equalsIgnoreCase(identity.endpoint());
    if (!connectAndPublish(
        opened.socket().get(),
        type,
        reader,
        identity,
        host,
        port,
        awsEndpoint,
        request,
        checks,
        publishes,
        listener)) {
      return checks.result(name, type, folder, connection, publishes, request);
    }
    if (!request.storeWait().isZero()) {
      listener.onEvent(
          new IotsysEvent.Note(
              "looking for the reading in the store, for up to "
                  + request.storeWait().toSeconds()
                  + " s"));
      checks.add(stored(type, identity, publishes.get(0).sentAt(), request.storeWait()));
    }
    return checks.result(name, type, folder, connection, publishes, request);
  }

  private static void check(SensorTestRequest r) {
    if (r.storeWait().isNegative() || r.storeWait().compareTo(MAX_WAIT) > 0) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "Invalid --wait: use 0 (stop after the PUBACK) to 15 minutes");
    }
    if (r.count() < 1 || r.count() > MAX_COUNT) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "Invalid --count " + r.count() + ": use 1 to " + MAX_COUNT);
    }
    if (r.interval().compareTo(MIN_INTERVAL) < 0 || r.interval().compareTo(MAX_INTERVAL) > 0) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "Invalid --interval: use 1 second to 1 day, e.g. 60s");
    }
    if (r.value().isPresent() && r.value().get().abs().compareTo(new BigDecimal("1000000")) >= 0) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --value "
              + IotsysException.shown(r.value().get().toPlainString())
              + ": a sensor reads no such number");
    }
  }

  private SensorType type(Optional<String> typeId, String name) {
    if (typeId.isPresent()) {
      SensorType type = registry.get(typeId.get());
      if (type.devicePackageReader().isEmpty()) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "Sensor type " + type.id() + " has no device package that a test could act with");
      }
      return type;
    }
    List<SensorType> testable =
        registry.all().stream().filter(t -> t.devicePackageReader().isPresent()).toList();
    if (testable.isEmpty()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "No sensor type on the class path has device packages to test");
    }
    List<SensorType> found =
        testable.stream()
            .filter(t -> Files.isDirectory(files.devicePackage(t.id(), name)))
            .toList();
    if (found.size() > 1) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Device packages named "
              + name
              + " exist for several types ("
              + found.stream().map(SensorType::id).collect(Collectors.joining(", "))
              + "): name the type, e.g. 'iotsys sensor test "
              + found.get(0).id()
              + " "
              + name
              + "'");
    }
    if (found.isEmpty() && testable.size() > 1) {
      throw new IotsysException(
          ErrorKind.PACKAGE_UNUSABLE,
          "No device package named "
              + name
              + " in this home (looked in "
              + testable.stream()
                  .map(t -> files.show(files.devicePackage(t.id(), name)))
                  .collect(Collectors.joining(", "))
              + "): 'iotsys sensor add TYPE "
              + name
              + "' writes one; run the test in the folder that holds it, or pass --home");
    }
    return found.isEmpty() ? testable.get(0) : found.get(0);
  }

  private Optional<DeviceConnection> readPackage(
      SensorType type, DevicePackageReader reader, Path folder, String name, Checks checks) {
    String shown = files.show(folder);
    String add = "'iotsys sensor add " + type.id() + " " + name + "'";
    if (!Files.isDirectory(folder)) {
      checks.add(
          LinkCheck.failed(
              Link.PACKAGE,
              "no device package at "
                  + shown
                  + ": "
                  + add
                  + " writes it (run the test in the folder that holds sensor-"
                  + type.id()
                  + "/, or pass --home)"));
      return Optional.empty();
    }
    DeviceConnection device;
    try {
      device = reader.read(folder);
    } catch (NoSuchFileException e) {
      checks.add(
          LinkCheck.failed(
              Link.PACKAGE,
              "the package "
                  + shown
                  + " is incomplete ("
                  + e.getMessage()
                  + "): "
                  + add
                  + " writes it again"));
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      // The reader's message names a file and a setting, never a value (see DevicePackageReader).
      checks.add(
          LinkCheck.failed(
              Link.PACKAGE,
              "the package "
                  + shown
                  + " cannot be used ("
                  + e.getMessage()
                  + "): "
                  + add
                  + " writes it again"));
      return Optional.empty();
    }
    String problem = null;
    if (!device.clientId().equals(name)) {
      problem =
          "the package "
              + shown
              + " is for thing "
              + Names.printable(device.clientId())
              + ", not "
              + name
              + ": "
              + add
              + " writes it again";
    } else if (!KeyFormats.certifies(device.certificate(), device.privateKey())) {
      problem =
          "the package's certificate "
              + DeviceTls.subject(device.certificate())
              + " does not certify its private key, so the server would refuse the board: the two"
              + " come from different runs of 'sensor add'; "
              + add
              + " writes them again";
    } else if (!type.devicePackageWriter().map(w -> w.isComplete(folder)).orElse(true)) {
      problem =
          "the package "
              + shown
              + " lacks some of the firmware's files, so a board flashed with it would not run: "
              + add
              + " writes them again";
    } else if (device.certificate().getNotAfter().toInstant().isBefore(Instant.now())) {
      problem =
          "the device certificate in "
              + shown
              + " expired on "
              + device.certificate().getNotAfter().toInstant()
              + ": 'iotsys sensor add "
              + type.id()
              + " "
              + name
              + " --new-certificate' issues a new one";
    }
    if (problem != null) {
      checks.add(LinkCheck.failed(Link.PACKAGE, problem));
      return Optional.empty();
    }
    checks.add(
        LinkCheck.passed(
            Link.PACKAGE,
            shown
                + ": "
                + DeviceTls.subject(device.certificate())
                + " certifies the package's "
                + device.privateKey().getAlgorithm()
                + " key; thing "
                + device.clientId()
                + ", endpoint "
                + device.endpoint()
                + ":"
                + device.port()
                + ", topic "
                + device.topic()
                + ", keepalive "
                + device.keepaliveSeconds()
                + " s; "
                + String.join(" or ", device.tlsVersions()).replace("TLSv", "TLS ")
                + (device.checksServer()
                    ? ", checking the server against the package's "
                        + device.trustAnchors().size()
                        + " CA certificates and the endpoint's name"
                    : ", checking no server certificate (as the board's TLS stack)")));
    return Optional.of(device);
  }

  /**
   * CONNECT, then every PUBLISH; returns whether both links passed. Each exchange has its limit
   * ({@link MqttSession#TIMEOUT}, kept by Paho) and, behind it, a {@link Deadline} a little longer
   * that closes the socket, so a server trickling bytes cannot hold the test either.
   */
  @SuppressWarnings("try") // each deadline is held by its block, never named in it
  private boolean connectAndPublish(
      SSLSocket socket,
      SensorType type,
      DevicePackageReader reader,
      DeviceConnection identity,
      String host,
      int port,
      boolean awsEndpoint,
      SensorTestRequest request,
      Checks checks,
      List<Publish> publishes,
      IotsysListener listener) {
    MqttSession session;
    try (Deadline deadline = Deadline.arm(socket, EXCHANGE_DEADLINE)) {
      session =
          MqttSession.connect(socket, host, port, identity.clientId(), identity.keepaliveSeconds());
    } catch (MqttSession.Refused e) {
      checks.add(LinkCheck.failed(Link.CONNECT, connectRefused(e, type, identity, awsEndpoint)));
      return false;
    }
    checks.add(
        LinkCheck.passed(
            Link.CONNECT,
            "CONNACK: accepted client id "
                + identity.clientId()
                + " (MQTT 3.1.1, clean session, keepalive "
                + identity.keepaliveSeconds()
                + " s)"));
    try (session) {
      Map<String, DriftingValue> drifting = drifting(type, request.value(), System.nanoTime());
      long start = System.nanoTime();
      Duration slowest = Duration.ZERO;
      for (int i = 1; i <= request.count(); i++) {
        if (i > 1 && !sleepUntil(start + request.interval().toNanos() * (i - 1))) {
          checks.add(
              LinkCheck.failed(
                  Link.PUBACK,
                  "interrupted after " + (i - 1) + " of " + request.count() + " readings"));
          return false;
        }
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        drifting.forEach((measure, value) -> values.put(measure, value.next()));
        byte[] payload = reader.payload(values);
        Instant sent = Instant.now();
        long t0 = System.nanoTime();
        try (Deadline deadline = Deadline.arm(socket, EXCHANGE_DEADLINE)) {
          session.publish(identity.topic(), payload);
        } catch (MqttSession.Refused e) {
          checks.add(
              LinkCheck.failed(Link.PUBACK, publishRefused(e, type, identity, i, request.count())));
          return false;
        }
        Duration ack = Duration.ofNanos(System.nanoTime() - t0);
        slowest = ack.compareTo(slowest) > 0 ? ack : slowest;
        Publish p = new Publish(i, values, new String(payload, StandardCharsets.UTF_8), sent, ack);
        publishes.add(p);
        listener.onEvent(new IotsysEvent.Published(p, request.count()));
      }
      Publish first = publishes.get(0);
      checks.add(
          LinkCheck.passed(
              Link.PUBACK,
              request.count() == 1
                  ? "PUBACK for "
                      + first.payload()
                      + " on "
                      + identity.topic()
                      + " after "
                      + millis(first.acknowledgedAfter())
                  : request.count()
                      + " readings on "
                      + identity.topic()
                      + ", each acknowledged"
                      + " (slowest PUBACK "
                      + millis(slowest)
                      + ")"));
      return true;
    }
  }

  /**
   * Each measure's readings, in the type's order: the first from {@code first} when given, every
   * other from the middle of its plausible range, each drifting within that range's scale.
   */
  static Map<String, DriftingValue> drifting(
      SensorType type, Optional<BigDecimal> first, long seed) {
    Map<String, DriftingValue> values = new LinkedHashMap<>();
    for (Measure m : type.measures()) {
      BigDecimal start = values.isEmpty() && first.isPresent() ? first.get() : m.typical();
      values.put(
          m.name(), new DriftingValue(start, m.high().subtract(m.low()), seed + values.size()));
    }
    return values;
  }

  private String connectRefused(
      MqttSession.Refused e, SensorType type, DeviceConnection device, boolean awsEndpoint) {
    String client = device.clientId();
    if (!e.closed()) {
      return e.getMessage() + " for client id " + client;
    }
    String why =
        e.getMessage()
            + ": AWS IoT does so when the device policy refuses iot:Connect"
            + " for client id "
            + client
            + "; ";
    return why
        + (awsEndpoint
            ? attachment.explain(type.id(), client, device.certificate())
            : "this is not the package's endpoint, so see the broker's own log");
  }

  private static String publishRefused(
      MqttSession.Refused e, SensorType type, DeviceConnection identity, int index, int count) {
    String which = count == 1 ? "" : "reading " + index + " of " + count + ": ";
    if (!e.closed()) {
      return which + e.getMessage() + " (no PUBACK)";
    }
    return which
        + e.getMessage()
        + " to "
        + identity.topic()
        + ": AWS IoT does so when the"
        + " device policy refuses iot:Publish on this topic for client "
        + identity.clientId()
        + "; check that policy "
        + new TypeNames(type.id()).devicePolicy()
        + " allows it"
        + " ('iotsys install' repairs the policy)";
  }

  private LinkCheck stored(
      SensorType type, DeviceConnection identity, Instant sent, Duration wait) {
    Instant from = sent.minus(CLOCK_SKEW);
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        Optional<Instant> found = trail.newestReading(type, identity.clientId(), from);
        if (found.isPresent()) {
          return LinkCheck.passed(
              Link.STORED,
              "stored at " + found.get() + " ('iotsys data " + identity.clientId() + "' shows it)");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        if (!sleepUntil(System.nanoTime() + Math.min(left, poll.toNanos()))) {
          break;
        }
      }
      List<String> errors = trail.ruleErrors(type, identity.topic(), from);
      String rule = new TypeNames(type.id()).topicRule();
      String missing =
          "no reading of "
              + identity.clientId()
              + " in the store within "
              + wait.toSeconds()
              + " s";
      if (!errors.isEmpty()) {
        return LinkCheck.failed(
            Link.STORED, missing + "; rule " + rule + " logged: " + errors.get(errors.size() - 1));
      }
      return LinkCheck.failed(
          Link.STORED,
          missing
              + ", and rule "
              + rule
              + " logged no error in "
              + new TypeNames(type.id()).errorLogGroup()
              + ": check that the rule is installed"
              + " ('iotsys status --db NAME'), or wait longer (--wait)");
    } catch (IotsysException e) {
      return new LinkCheck(
          Link.STORED,
          SensorTestResult.Verdict.FAILED,
          "the store could not be read: " + e.getMessage(),
          Optional.of(e.kind()));
    }
  }

  private static boolean sleepUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      try {
        Thread.sleep(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static String millis(Duration d) {
    return d.toMillis() + " ms";
  }

  /** The checks so far; each one is reported as it is decided. */
  private static final class Checks {
    private final IotsysListener listener;
    private final List<LinkCheck> checks = new ArrayList<>();

    Checks(IotsysListener listener) {
      this.listener = listener;
    }

    void add(LinkCheck check) {
      checks.add(check);
      listener.onEvent(new IotsysEvent.LinkChecked(check));
    }

    /** Every link in order: the ones not reached are marked as not checked, and why. */
    SensorTestResult result(
        String name,
        SensorType type,
        Path folder,
        Optional<Connection> connection,
        List<Publish> publishes,
        SensorTestRequest request) {
      Optional<LinkCheck> failed =
          checks.stream().filter(c -> c.verdict() == SensorTestResult.Verdict.FAILED).findFirst();
      for (Link link : Link.values()) {
        if (checks.stream().noneMatch(c -> c.link() == link)) {
          add(
              LinkCheck.notChecked(
                  link,
                  failed
                      .map(f -> "not checked: " + f.link().id() + " failed")
                      .orElse(
                          link == Link.STORED && request.storeWait().isZero()
                              ? "not checked (--wait 0)"
                              : "not checked")));
        }
      }
      return new SensorTestResult(name, type.id(), folder, connection, checks, publishes);
    }
  }
}
