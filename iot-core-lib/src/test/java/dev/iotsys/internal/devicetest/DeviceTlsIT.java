package dev.iotsys.internal.devicetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.SensorTestResult.Link;
import dev.iotsys.api.SensorTestResult.LinkCheck;
import dev.iotsys.api.SensorTestResult.Verdict;
import dev.iotsys.spi.DeviceConnection;
import dev.iotsys.testing.DeviceCredentials;
import dev.iotsys.testing.ScriptedMqttPeer;
import dev.iotsys.testing.TestCa;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The device's TLS link against a scripted peer that requires a client certificate, acting as
 * either board: the one that checks no server (the ESP8266's axTLS, TLS 1.2, RSA) and the one that
 * checks it against its package's CA certificates and the endpoint's name (mbedTLS, EC).
 */
class DeviceTlsIT {
  private static KeyPair rsa;
  private static KeyPair ec;
  private static X509Certificate rsaCertificate;
  private static X509Certificate ecCertificate;

  /** Device certificates signed by the test CA, as moto's CreateCertificateFromCsr signs them. */
  @BeforeAll
  static void devices() throws Exception {
    KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
    r.initialize(2048);
    rsa = r.generateKeyPair();
    rsaCertificate = DeviceCredentials.issue(TestCa.shared(), "hall", List.of(), rsa.getPublic());
    KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
    e.initialize(256);
    ec = e.generateKeyPair();
    ecCertificate = DeviceCredentials.issue(TestCa.shared(), "porch", List.of(), ec.getPublic());
  }

  /** As the ESP8266's package reads: TLS 1.2, RSA, no trust anchors. */
  private static DeviceConnection checkingNothing() {
    return new DeviceConnection(
        "hall",
        "localhost",
        8883,
        Optional.empty(),
        "t/hall",
        60,
        List.of(rsaCertificate),
        rsa.getPrivate(),
        List.of(),
        List.of("TLSv1.2"));
  }

  /** As the ESP32's package reads: TLS 1.2 or 1.3, EC, the given CA certificates. */
  private static DeviceConnection trusting(X509Certificate... anchors) {
    return new DeviceConnection(
        "porch",
        "localhost",
        8883,
        Optional.empty(),
        "t/porch",
        60,
        List.of(ecCertificate),
        ec.getPrivate(),
        List.of(anchors),
        List.of("TLSv1.2", "TLSv1.3"));
  }

  private static void close(DeviceTls.Opened opened) throws Exception {
    if (opened.socket().isPresent()) {
      SSLSocket socket = opened.socket().get();
      socket.close();
    }
  }

  private static List<Verdict> verdicts(DeviceTls.Opened opened) {
    return opened.checks().stream().map(LinkCheck::verdict).toList();
  }

  @Test
  void open_onPort443_offersAwsIotsAlpn() throws Exception {
    try (ScriptedMqttPeer peer =
        ScriptedMqttPeer.start(TestCa.shared(), ScriptedMqttPeer.Script.ACCEPT)) {
      DeviceTls.Opened opened =
          DeviceTls.trusting(Optional.of(TestCa.shared().caPem()))
              .open("localhost", peer.port(), DeviceTls.alpnFor(443), checkingNothing());

      assertTrue(opened.socket().isPresent(), opened.toString());
      assertEquals("x-amzn-mqtt-ca", opened.socket().get().getApplicationProtocol());
      close(opened);
      assertEquals(List.of(List.of("x-amzn-mqtt-ca")), peer.offeredAlpn());
      LinkCheck server = opened.checks().get(1);
      assertEquals(Link.TLS_SERVER, server.link());
      assertThat(server.detail()).endsWith("; ALPN x-amzn-mqtt-ca");
    }
  }

  @Test
  void alpn_isOfferedOnPort443Only() {
    assertEquals(Optional.of("x-amzn-mqtt-ca"), DeviceTls.alpnFor(443));
    assertEquals(Optional.empty(), DeviceTls.alpnFor(8883));
  }

  @Test
  void open_asABoardThatChecksNothing_speaksTls12_offersItsRsaCertificate_andShowsTheServer()
      throws Exception {
    TestCa rogue = TestCa.other("rogue");
    try (ScriptedMqttPeer peer =
        ScriptedMqttPeer.start(
            rogue.serverContextTrusting(TestCa.shared()), ScriptedMqttPeer.Script.ACCEPT)) {
      DeviceTls.Opened opened =
          DeviceTls.trusting(Optional.empty())
              .open("localhost", peer.port(), Optional.empty(), checkingNothing());

      assertEquals(List.of(Verdict.PASSED, Verdict.NOT_CHECKED, Verdict.PASSED), verdicts(opened));
      assertEquals("TLSv1.2", opened.socket().get().getSession().getProtocol());
      assertThat(opened.checks().get(1).detail())
          .startsWith("not checked, as the board does not")
          .contains("issued by CN=iotsys rogue CA");
      assertThat(opened.checks().get(2).detail()).isEqualTo("the server accepted CN=hall");
      close(opened);
      assertEquals(List.of(), peer.offeredAlpn());
    }
  }

  @Test
  void open_asABoardWithTrustAnchors_trustsTheServerTheirCaSigned_withItsEcCertificate()
      throws Exception {
    try (ScriptedMqttPeer peer =
        ScriptedMqttPeer.start(TestCa.shared(), ScriptedMqttPeer.Script.ACCEPT)) {
      DeviceTls.Opened opened =
          DeviceTls.trusting(Optional.empty())
              .open(
                  "localhost",
                  peer.port(),
                  Optional.empty(),
                  trusting(TestCa.shared().caCertificate()));

      assertEquals(List.of(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED), verdicts(opened));
      assertEquals("TLSv1.3", opened.socket().get().getSession().getProtocol());
      assertThat(opened.checks().get(1).detail())
          .startsWith("TLS 1.3 with localhost")
          .contains("trusted through the package's 1 CA certificate, as the board");
      assertThat(opened.checks().get(2).detail()).isEqualTo("the server accepted CN=porch");
      close(opened);
    }
  }

  @Test
  void open_asABoardWithTrustAnchors_refusesAServerAnotherCaSigned_atTheServersCertificate()
      throws Exception {
    TestCa rogue = TestCa.other("rogue");
    try (ScriptedMqttPeer peer =
        ScriptedMqttPeer.start(
            rogue.serverContextTrusting(TestCa.shared()), ScriptedMqttPeer.Script.ACCEPT)) {
      DeviceTls.Opened opened =
          DeviceTls.trusting(Optional.empty())
              .open(
                  "localhost",
                  peer.port(),
                  Optional.empty(),
                  trusting(TestCa.shared().caCertificate()));

      assertEquals(List.of(Verdict.PASSED, Verdict.FAILED), verdicts(opened));
      LinkCheck server = opened.checks().get(1);
      assertEquals(Link.TLS_SERVER, server.link());
      assertEquals(Optional.of(ErrorKind.SERVER_NOT_TRUSTED), server.errorKind());
      assertThat(server.detail())
          .contains("issued by CN=iotsys rogue CA, is not signed by a CA in the package's");
    }
  }

  /** mbedTLS with server_hostname refuses a certificate its CA signed for another name. */
  @Test
  void open_asABoardWithTrustAnchors_refusesACertificateForAnotherName() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair server = g.generateKeyPair();
    X509Certificate elsewhere =
        DeviceCredentials.issue(
            TestCa.shared(), "elsewhere.example", List.of("elsewhere.example"), server.getPublic());
    try (ScriptedMqttPeer peer =
        ScriptedMqttPeer.start(
            TestCa.shared().serverContext(elsewhere, server.getPrivate()),
            ScriptedMqttPeer.Script.ACCEPT)) {
      DeviceTls.Opened opened =
          DeviceTls.trusting(Optional.empty())
              .open(
                  "localhost",
                  peer.port(),
                  Optional.empty(),
                  trusting(TestCa.shared().caCertificate()));

      assertEquals(List.of(Verdict.PASSED, Verdict.FAILED), verdicts(opened));
      assertThat(opened.checks().get(1).detail())
          .contains("CN=elsewhere.example is not issued for localhost");
    }
  }

  /**
   * A server that reads the ClientHello and then sends one byte a second: every read gets a byte
   * well within any per-read timeout, so only an overall deadline ends the handshake. The class's
   * timeout is the guard against a hang, not a measure of speed.
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void open_againstAServerThatTrickles_endsAtTheHandshakesDeadline_atTheServersCertificate()
      throws Exception {
    try (ServerSocket trickle = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      Thread server =
          new Thread(
              () -> {
                try (Socket s = trickle.accept()) {
                  InputStream in = s.getInputStream();
                  in.read(new byte[5]); // the ClientHello's record header, at least
                  OutputStream out = s.getOutputStream();
                  // A TLS handshake record that never ends: header, then a byte a second.
                  out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
                  for (int i = 0; i < 600; i++) {
                    out.write(0x02);
                    out.flush();
                    Thread.sleep(1000);
                  }
                } catch (Exception closedByTheClient) {
                  // What the deadline does.
                }
              },
              "trickling-server");
      server.setDaemon(true);
      server.start();

      DeviceTls.Opened opened =
          DeviceTls.trusting(Optional.empty(), Duration.ofSeconds(3))
              .open("localhost", trickle.getLocalPort(), Optional.empty(), checkingNothing());

      assertEquals(List.of(Verdict.PASSED, Verdict.FAILED), verdicts(opened));
      LinkCheck failed = opened.checks().get(1);
      assertEquals(Link.TLS_SERVER, failed.link());
      assertEquals(Optional.of(ErrorKind.SERVER_NOT_TRUSTED), failed.errorKind());
      assertThat(failed.detail())
          .startsWith("no complete TLS handshake with localhost within 3 s")
          .contains("never showed its certificate");
    }
  }
}
