package dev.iotsys.internal.devicetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.api.SensorTestResult.Link;
import dev.iotsys.api.SensorTestResult.LinkCheck;
import dev.iotsys.api.SensorTestResult.Verdict;
import dev.iotsys.internal.sensor.DevicePackageFiles.Credentials;
import dev.iotsys.testing.ScriptedMqttPeer;
import dev.iotsys.testing.TestCa;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The device's TLS link against a scripted peer that requires a client certificate. */
class DeviceTlsIT {
  private static Credentials device;

  /** A device certificate signed by the test CA, as moto's CreateCertificateFromCsr would sign. */
  @BeforeAll
  static void device() throws Exception {
    TestCa ca = TestCa.shared();
    String pem =
        Files.readString(ca.caKey()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    PrivateKey caKey =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    X509Certificate caCert;
    try (var in = Files.newInputStream(ca.caPem())) {
      caCert =
          (X509Certificate)
              java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Instant now = Instant.now();
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded()),
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(5, ChronoUnit.MINUTES)),
                        Date.from(now.plus(1, ChronoUnit.DAYS)),
                        new X500Name("CN=hall"),
                        pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(caKey)));
    device = new Credentials(cert, pair.getPrivate());
  }

  private static void close(DeviceTls.Opened opened) throws Exception {
    if (opened.socket().isPresent()) {
      SSLSocket socket = opened.socket().get();
      socket.close();
    }
  }

  @Test
  void open_onPort443_offersAwsIotsAlpn() throws Exception {
    try (ScriptedMqttPeer peer =
        ScriptedMqttPeer.start(TestCa.shared(), ScriptedMqttPeer.Script.ACCEPT)) {
      DeviceTls.Opened opened =
          DeviceTls.trusting(Optional.of(TestCa.shared().caPem()))
              .open("localhost", peer.port(), DeviceTls.alpnFor(443), device);

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
  void open_speaksTls12_asTheBoardDoes_andOffersTheDeviceCertificate() throws Exception {
    try (ScriptedMqttPeer peer =
        ScriptedMqttPeer.start(TestCa.shared(), ScriptedMqttPeer.Script.ACCEPT)) {
      DeviceTls.Opened opened =
          DeviceTls.trusting(Optional.of(TestCa.shared().caPem()))
              .open("localhost", peer.port(), Optional.empty(), device);

      assertEquals(
          List.of(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED),
          opened.checks().stream().map(LinkCheck::verdict).toList());
      assertEquals("TLSv1.2", opened.socket().get().getSession().getProtocol());
      assertThat(opened.checks().get(2).detail()).isEqualTo("the server accepted CN=hall");
      close(opened);
      assertEquals(List.of(), peer.offeredAlpn());
    }
  }

  /**
   * A server that reads the ClientHello and then answers a byte every 2 s: a TLS record announcing
   * 256 bytes, so each read the handshake makes gets a byte long before the 20 s a read may wait.
   * After 40 s it hangs up, so a handshake without a deadline fails, but for another reason.
   */
  @Test
  void open_whenTheServerTricklesItsAnswer_endsTheHandshakeAtItsDeadline() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread trickle =
          new Thread(
              () -> {
                try (Socket s = server.accept()) {
                  InputStream in = s.getInputStream();
                  in.read(new byte[4096]);
                  OutputStream out = s.getOutputStream();
                  byte[] head = {0x16, 0x03, 0x03, 0x01, 0x00, 0x02};
                  for (int i = 0; i < 20; i++) {
                    out.write(i < head.length ? head[i] : 0);
                    out.flush();
                    Thread.sleep(2000);
                  }
                } catch (Exception e) {
                  // The client closed the connection: the trickle has done its work.
                }
              });
      trickle.setDaemon(true);
      trickle.start();

      DeviceTls.Opened opened =
          DeviceTls.trusting(Optional.of(TestCa.shared().caPem()))
              .open("localhost", server.getLocalPort(), Optional.empty(), device);

      assertThat(opened.socket()).isEmpty();
      assertThat(opened.checks())
          .extracting(LinkCheck::link, LinkCheck::verdict, LinkCheck::detail)
          .last()
          .isEqualTo(
              org.assertj.core.groups.Tuple.tuple(
                  Link.TLS_SERVER,
                  Verdict.FAILED,
                  "the TLS handshake with localhost did not finish within 20 s"));
      trickle.interrupt();
    }
  }
}
