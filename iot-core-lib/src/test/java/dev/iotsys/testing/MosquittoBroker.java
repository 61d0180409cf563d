package dev.iotsys.testing;

import dev.iotsys.spi.SensorType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Mosquitto broker (the Debian package) for device traffic in tests, started the way {@link
 * MotoServer} starts moto: on a free loopback port, with a configuration file of its own, stopped
 * by its process id. A missing Mosquitto fails the test; it is never skipped.
 *
 * <p>It speaks MQTT over mutual TLS as AWS IoT does: its certificate is signed by the {@link
 * TestCa#shared() test CA}, it requires a client certificate signed by the CA it is given ({@code
 * require_certificate}), takes the certificate's common name as the client's user name ({@code
 * use_identity_as_username}), and its ACL is shaped like iotsys's device policy: a device may
 * publish only to {@code <its type>/<its own name>}, for each type on the class path; only the
 * test-side subscriber ({@link TestCa#SUBSCRIBER}) may read. (Mosquitto cannot tie the client id to
 * the certificate, as the policy's {@code iot:Connect} condition does: that refusal is the scripted
 * peer's, see {@link ScriptedMqttPeer}.)
 *
 * <p>A test takes the standard broker (trusting the test CA's devices; one per test JVM) as a
 * parameter of type {@link Instance}, or starts one with other settings with {@link
 * #start(Settings)} and closes it itself.
 */
public final class MosquittoBroker implements ParameterResolver {
  private static final AtomicInteger SUBSCRIBERS = new AtomicInteger();

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == Instance.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return e.getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(
            Instance.class, k -> start(Settings.signedBy(TestCa.shared())), Instance.class);
  }

  /**
   * What the broker presents and whom it trusts.
   *
   * @param certificate the broker's certificate, PEM
   * @param key its private key, PEM
   * @param clientCa the CA whose client certificates the broker accepts, PEM
   * @param moreTypes topic filters of types beyond the class path's, e.g. a plugin jar's
   */
  public record Settings(Path certificate, Path key, Path clientCa, List<String> moreTypes) {
    /** A broker with the CA's broker certificate, trusting the CA's clients. */
    public static Settings signedBy(TestCa ca) {
      return new Settings(ca.brokerPem(), ca.brokerKey(), ca.caPem(), List.of());
    }

    /** The same broker, trusting only another CA's clients. */
    public Settings trustingClientsOf(TestCa other) {
      return new Settings(certificate, key, other.caPem(), moreTypes);
    }

    /** The same broker, its ACL also shaped for a type that is not on the class path. */
    public Settings withType(String topicFilter) {
      List<String> more = new java.util.ArrayList<>(moreTypes);
      more.add(topicFilter);
      return new Settings(certificate, key, clientCa, List.copyOf(more));
    }
  }

  /** The Mosquitto executable: IOTSYS_MOSQUITTO, else on the PATH, else Debian's /usr/sbin. */
  static Path executable() {
    String given = System.getenv("IOTSYS_MOSQUITTO");
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    for (String dir :
        (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "mosquitto"))) {
        return Path.of(dir, "mosquitto");
      }
    }
    throw new IllegalStateException(
        "Mosquitto is not installed: 'apt-get install mosquitto'"
            + " ('make test' does it when run as root), or set IOTSYS_MOSQUITTO to its path");
  }

  /** Starts a broker; close it to stop it. */
  public static Instance start(Settings settings) {
    Path mosquitto = executable();
    IllegalStateException last = null;
    // A free port can be taken by another process before Mosquitto binds it: try again.
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return Instance.start(mosquitto, settings);
      } catch (PortTaken e) {
        last = new IllegalStateException(e.getMessage());
      }
    }
    throw last;
  }

  private static final class PortTaken extends Exception {
    private static final long serialVersionUID = 1L;

    PortTaken(String message) {
      super(message);
    }
  }

  /**
   * Shaped like iotsys's device policy, for every sensor type on the test's class path: a device
   * publishes only to its own topic under its type's prefix; the test-side subscriber reads them.
   */
  static String acl(List<String> moreTypes) {
    List<String> filters =
        java.util.stream.Stream.concat(
                ServiceLoader.load(SensorType.class).stream().map(p -> p.get().topicFilter()),
                moreTypes.stream())
            .sorted()
            .toList();
    StringBuilder acl =
        new StringBuilder(
            "# Shaped like iotsys's device policy: a device publishes only to its own topic.\n");
    filters.forEach(f -> acl.append("pattern write ").append(f.replace("+", "%u")).append('\n'));
    acl.append("\nuser ").append(TestCa.SUBSCRIBER).append('\n');
    filters.forEach(f -> acl.append("topic read ").append(f.replace("+", "#")).append('\n'));
    return acl.toString();
  }

  /** A running broker. */
  public static final class Instance implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private Instance(Process process, int port, Path log) {
      this.process = process;
      this.port = port;
      this.log = log;
    }

    private static Instance start(Path mosquitto, Settings s) throws PortTaken {
      try {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
          port = socket.getLocalPort();
        }
        Path folder = Paths.get("target", "mosquitto-" + port).toAbsolutePath();
        Files.createDirectories(folder);
        Path acl = folder.resolve("acl");
        Files.writeString(acl, acl(s.moreTypes()));
        Path config = folder.resolve("mosquitto.conf");
        Files.writeString(
            config,
            String.join(
                "\n",
                "listener " + port + " 127.0.0.1",
                "cafile " + s.clientCa(),
                "certfile " + s.certificate(),
                "keyfile " + s.key(),
                "require_certificate true",
                "use_identity_as_username true",
                "allow_anonymous false",
                "acl_file " + acl,
                "persistence false",
                // A file, which Mosquitto flushes line by line (its stdout would be buffered).
                "log_dest file " + folder.resolve("mosquitto.log"),
                "log_type all",
                // Run as root, Mosquitto drops to the user 'mosquitto', who cannot read the test
                // CA's folder; as anyone else it ignores this.
                "user " + System.getProperty("user.name"),
                ""));
        Path log = folder.resolve("mosquitto.log");
        Process process =
            new ProcessBuilder(mosquitto.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("mosquitto.out").toFile())
                .start();
        Instance broker = new Instance(process, port, log);
        broker.awaitListening();
        return broker;
      } catch (IOException e) {
        throw new IllegalStateException("Cannot start Mosquitto: " + e, e);
      }
    }

    private void awaitListening() throws IOException, PortTaken {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          String output =
              Files.readString(log.resolveSibling("mosquitto.out"))
                  + (Files.exists(log) ? Files.readString(log) : "");
          if (output.contains("Address already in use")) {
            throw new PortTaken("Mosquitto could not bind port " + port + ": " + output);
          }
          throw new IllegalStateException(
              "Mosquitto exited with "
                  + process.exitValue()
                  + " before listening; its output: "
                  + output);
        }
        try (Socket probe = new Socket()) {
          probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return;
        } catch (IOException notYet) {
          sleep(50);
        }
      }
      close();
      throw new IllegalStateException("Mosquitto did not listen within 20 s; see " + log);
    }

    public int port() {
      return port;
    }

    /** {@code localhost:PORT}, for {@code sensor test --endpoint}. */
    public String endpoint() {
      return "localhost:" + port;
    }

    /** What the broker logged so far. */
    public String log() throws IOException {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** A test-side client (the test CA's subscriber certificate) subscribed to a filter. */
    public Subscriber subscribe(String filter) throws MqttException {
      MqttClient client =
          new MqttClient(
              "ssl://localhost:" + port,
              TestCa.SUBSCRIBER + "-" + SUBSCRIBERS.incrementAndGet(),
              new MemoryPersistence());
      MqttConnectOptions options = new MqttConnectOptions();
      options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
      options.setCleanSession(true);
      options.setSocketFactory(TestCa.shared().subscriberContext().getSocketFactory());
      Subscriber subscriber = new Subscriber(client);
      client.connect(options);
      client.subscribe(
          filter,
          1,
          (topic, message) ->
              subscriber.received.add(
                  new Message(
                      topic,
                      new String(message.getPayload(), StandardCharsets.UTF_8),
                      message.getQos())));
      return subscriber;
    }

    /** Stops Mosquitto by its process id. */
    @Override
    public void close() {
      long pid = process.pid();
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
      } catch (InterruptedException e) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        Thread.currentThread().interrupt();
      }
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A message the subscriber received.
   *
   * @param topic where it was published
   * @param payload its bytes as UTF-8
   * @param qos the QoS it was delivered with
   */
  public record Message(String topic, String payload, int qos) {}

  /** The test-side client; close it after the test. */
  public static final class Subscriber implements AutoCloseable {
    private final MqttClient client;
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

    private Subscriber(MqttClient client) {
      this.client = client;
    }

    /** The next message, waiting at most the given time; null when none came. */
    public Message next(Duration timeout) throws InterruptedException {
      return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The messages received so far, without waiting. */
    public List<Message> drain() {
      List<Message> all = new java.util.ArrayList<>();
      received.drainTo(all);
      return all;
    }

    @Override
    public void close() throws MqttException {
      if (client.isConnected()) {
        client.disconnect();
      }
      client.close();
    }
  }
}
