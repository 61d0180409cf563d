package dev.iotsys.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A scripted MQTT peer: a TLS server with just enough MQTT 3.1.1 to play AWS IoT's own refusals,
 * which Mosquitto does not have. AWS IoT closes the connection without a CONNACK when the device
 * policy refuses {@code iot:Connect}, and closes it without a PUBACK when the policy refuses {@code
 * iot:Publish}. Like AWS IoT it requires a client certificate (signed by the {@link TestCa}), and
 * it records the ALPN protocols a client offers, the CONNECT's client id and keepalive, and what
 * was published. One connection at a time, on a thread of its own, until closed.
 */
public final class ScriptedMqttPeer implements AutoCloseable {
  /** AWS IoT's ALPN protocol for MQTT with a client certificate on port 443. */
  public static final String AWS_ALPN = "x-amzn-mqtt-ca";

  /** How the peer answers. */
  public enum Script {
    /** Closes the connection after the CONNECT, as AWS IoT does when iot:Connect is refused. */
    CLOSE_AFTER_CONNECT,
    /** Accepts the CONNECT, closes after a PUBLISH, as AWS IoT does when iot:Publish is refused. */
    CLOSE_AFTER_PUBLISH,
    /** Accepts everything: CONNACK 0, a PUBACK for every PUBLISH, PINGRESP for every PINGREQ. */
    ACCEPT
  }

  /**
   * One PUBLISH received.
   *
   * @param topic its topic
   * @param payload its payload as UTF-8
   * @param qos its QoS
   */
  public record Published(String topic, String payload, int qos) {}

  private final SSLServerSocket server;
  private final Script script;
  private final Thread thread;
  private final List<List<String>> offeredAlpn = new CopyOnWriteArrayList<>();
  private final List<String> clientIds = new CopyOnWriteArrayList<>();
  private final List<Integer> keepalives = new CopyOnWriteArrayList<>();
  private final List<Published> published = new CopyOnWriteArrayList<>();
  private final List<String> protocols = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private ScriptedMqttPeer(SSLServerSocket server, Script script) {
    this.server = server;
    this.script = script;
    this.thread = new Thread(this::serve, "scripted-mqtt-peer");
    this.thread.setDaemon(true);
  }

  /** Starts a peer on a free loopback port, with the CA's broker certificate. */
  public static ScriptedMqttPeer start(TestCa ca, Script script) throws IOException {
    return start(ca.brokerContext(), script);
  }

  /** Starts a peer on a free loopback port, presenting the context's certificate. */
  public static ScriptedMqttPeer start(javax.net.ssl.SSLContext tls, Script script)
      throws IOException {
    SSLServerSocket server =
        (SSLServerSocket)
            tls.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    server.setNeedClientAuth(true);
    ScriptedMqttPeer peer = new ScriptedMqttPeer(server, script);
    peer.thread.start();
    return peer;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code localhost:PORT}, for {@code sensor test --endpoint}. */
  public String endpoint() {
    return "localhost:" + port();
  }

  /** The ALPN protocols each connection offered, in order. */
  public List<List<String>> offeredAlpn() {
    return List.copyOf(offeredAlpn);
  }

  /** The client id of each CONNECT. */
  public List<String> clientIds() {
    return List.copyOf(clientIds);
  }

  /** The keepalive of each CONNECT, in seconds. */
  public List<Integer> keepalives() {
    return List.copyOf(keepalives);
  }

  /** The TLS protocol version of each completed handshake, e.g. {@code TLSv1.2}. */
  public List<String> protocols() {
    return List.copyOf(protocols);
  }

  /** Every PUBLISH received. */
  public List<Published> published() {
    return List.copyOf(published);
  }

  private void serve() {
    while (!closed) {
      try (SSLSocket socket = (SSLSocket) server.accept()) {
        socket.setHandshakeApplicationProtocolSelector(
            (s, offered) -> {
              offeredAlpn.add(List.copyOf(offered));
              return offered.contains(AWS_ALPN) ? AWS_ALPN : "";
            });
        socket.setSoTimeout(20_000);
        socket.startHandshake();
        protocols.add(socket.getSession().getProtocol());
        converse(socket);
      } catch (IOException e) {
        // A client that failed its handshake or hung up: the next one may come.
      }
    }
  }

  private void converse(SSLSocket socket) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    OutputStream out = socket.getOutputStream();
    Packet connect = Packet.read(in);
    if (connect.type() != 1) {
      return;
    }
    readConnect(connect.body());
    if (script == Script.CLOSE_AFTER_CONNECT) {
      return;
    }
    out.write(new byte[] {0x20, 0x02, 0x00, 0x00});
    out.flush();
    while (true) {
      Packet packet;
      try {
        packet = Packet.read(in);
      } catch (EOFException | SocketTimeoutException e) {
        return;
      }
      switch (packet.type()) {
        case 3 -> {
          int qos = (packet.flags() >> 1) & 3;
          byte[] body = packet.body();
          int topicLength = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
          String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
          int at = 2 + topicLength;
          int id = 0;
          if (qos > 0) {
            id = ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
            at += 2;
          }
          published.add(
              new Published(
                  topic,
                  new String(Arrays.copyOfRange(body, at, body.length), StandardCharsets.UTF_8),
                  qos));
          if (script == Script.CLOSE_AFTER_PUBLISH) {
            return;
          }
          if (qos == 1) {
            out.write(new byte[] {0x40, 0x02, (byte) (id >> 8), (byte) id});
            out.flush();
          }
        }
        case 12 -> {
          out.write(new byte[] {(byte) 0xd0, 0x00});
          out.flush();
        }
        case 14 -> {
          return;
        }
        default -> {
          // Nothing else is part of the script.
        }
      }
    }
  }

  private void readConnect(byte[] body) {
    // Protocol name (2 + 4 bytes "MQTT"), level, flags, keepalive, then the client id.
    int nameLength = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
    int at = 2 + nameLength + 2;
    keepalives.add(((body[at] & 0xff) << 8) | (body[at + 1] & 0xff));
    at += 2;
    int idLength = ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff);
    clientIds.add(new String(body, at + 2, idLength, StandardCharsets.UTF_8));
  }

  /** One MQTT control packet: its type, the low four bits of its first byte, and its body. */
  private record Packet(int type, int flags, byte[] body) {
    static Packet read(DataInputStream in) throws IOException {
      int first = in.readUnsignedByte();
      int length = 0;
      int multiplier = 1;
      int b;
      do {
        b = in.readUnsignedByte();
        length += (b & 0x7f) * multiplier;
        multiplier *= 128;
      } while ((b & 0x80) != 0);
      byte[] body = new byte[length];
      in.readFully(body);
      return new Packet(first >> 4, first & 0x0f, body);
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
  }
}
