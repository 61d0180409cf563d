package dev.iotsys.internal.devicetest;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.time.Duration;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * MQTT 3.1.1 as the board speaks it (umqtt.simple: clean session, the thing name as client id, the
 * firmware's keepalive, QoS 1), spoken by Eclipse Paho over the TLS socket {@link DeviceTls}
 * opened. Paho is handed that socket instead of opening its own: its TLS module replaces the
 * socket's SSL parameters (dropping ALPN and the protocol choice), and the link's verdicts need TCP
 * and TLS in iotsys's hands anyway.
 */
final class MqttSession implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final MqttClient client;

  private MqttSession(MqttClient client) {
    this.client = client;
  }

  /** How the server answered the CONNECT, or did not. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean closed;

    Refused(String message, boolean closed, Throwable cause) {
      super(message, cause);
      this.closed = closed;
    }

    /** Whether the server closed the connection instead of answering. */
    boolean closed() {
      return closed;
    }
  }

  /**
   * Sends CONNECT and waits for CONNACK.
   *
   * @throws Refused when the server closes the connection, answers with a refusal code or does not
   *     answer in time
   */
  static MqttSession connect(
      SSLSocket socket, String host, int port, String clientId, int keepaliveSeconds)
      throws Refused {
    MqttClient client;
    try {
      String uriHost = host.contains(":") ? "[" + host + "]" : host;
      client = new MqttClient("tcp://" + uriHost + ":" + port, clientId, new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new IllegalStateException("Paho refused the connection settings: " + e, e);
    }
    client.setTimeToWait(TIMEOUT.toMillis());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(true);
    options.setKeepAliveInterval(keepaliveSeconds);
    options.setConnectionTimeout((int) TIMEOUT.toSeconds());
    options.setAutomaticReconnect(false);
    options.setSocketFactory(new HandOver(socket));
    try {
      client.connect(options);
      return new MqttSession(client);
    } catch (MqttException e) {
      closeQuietly(client);
      throw refusal("CONNECT", e);
    }
  }

  /**
   * Publishes at QoS 1 and waits for the PUBACK.
   *
   * @throws Refused when the server closes the connection or does not acknowledge in time
   */
  void publish(String topic, byte[] payload) throws Refused {
    try {
      client.publish(topic, payload, 1, false);
    } catch (MqttException e) {
      throw refusal("PUBLISH", e);
    }
  }

  private static Refused refusal(String packet, MqttException e) {
    int code = e.getReasonCode();
    if (code >= 1 && code <= 5) {
      return new Refused(
          "the server answered the CONNECT with CONNACK code "
              + code
              + " ("
              + connackMeaning(code)
              + ")",
          false,
          e);
    }
    if (code == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
      return new Refused(
          "no answer to the " + packet + " within " + TIMEOUT.toSeconds() + " s", false, e);
    }
    if (code == MqttException.REASON_CODE_CONNECTION_LOST
        || code == MqttException.REASON_CODE_SERVER_CONNECT_ERROR
        || closedStream(e)) {
      return new Refused("the server closed the connection after the " + packet, true, e);
    }
    return new Refused(
        "the "
            + packet
            + " failed: "
            + e.getMessage()
            + (e.getCause() == null ? "" : " (" + e.getCause() + ")"),
        false,
        e);
  }

  private static boolean closedStream(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EOFException || t instanceof SocketException) {
        return true;
      }
    }
    return false;
  }

  private static String connackMeaning(int code) {
    return switch (code) {
      case 1 -> "protocol version not accepted";
      case 2 -> "client id rejected";
      case 3 -> "server unavailable";
      case 4 -> "bad user name or password";
      default -> "not authorized";
    };
  }

  /** Sends DISCONNECT, as the board does after its reading, and closes the socket. */
  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        client.disconnect(1000);
      }
    } catch (MqttException ignored) {
      // The connection is already gone; closing below frees what is left.
    }
    closeQuietly(client);
  }

  private static void closeQuietly(MqttClient client) {
    try {
      client.disconnectForcibly(0, 0, false);
    } catch (MqttException ignored) {
      // Not connected: nothing to end.
    }
    try {
      client.close(true);
    } catch (MqttException ignored) {
      // Closing is best effort.
    }
  }

  /** Gives Paho the socket that is already connected and past its TLS handshake. */
  private static final class HandOver extends SocketFactory {
    private final SSLSocket socket;

    HandOver(SSLSocket socket) {
      this.socket = socket;
    }

    @Override
    public Socket createSocket() {
      return new Connected(socket);
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException("only the connected socket is handed over");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException("only the connected socket is handed over");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException("only the connected socket is handed over");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException("only the connected socket is handed over");
    }
  }

  /** A socket whose connect is a no-op: it stands for one that is connected already. */
  private static final class Connected extends Socket {
    private final SSLSocket socket;

    Connected(SSLSocket socket) {
      this.socket = socket;
    }

    @Override
    public void connect(SocketAddress endpoint) {
      // Connected by DeviceTls.
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) {
      // Connected by DeviceTls.
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return socket.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return socket.getOutputStream();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
      socket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
      return socket.getSoTimeout();
    }

    @Override
    public boolean isConnected() {
      return socket.isConnected();
    }

    @Override
    public boolean isClosed() {
      return socket.isClosed();
    }

    @Override
    public InetAddress getInetAddress() {
      return socket.getInetAddress();
    }

    @Override
    public int getPort() {
      return socket.getPort();
    }

    @Override
    public synchronized void close() throws IOException {
      socket.close();
    }
  }
}
