package dev.iotsys.sensor.esp32bme280;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.SensorTestRequest;
import dev.iotsys.api.SensorTestResult;
import dev.iotsys.api.SensorTestResult.Link;
import dev.iotsys.api.SensorTestResult.LinkCheck;
import dev.iotsys.api.SensorTestResult.Verdict;
import dev.iotsys.testing.MosquittoBroker;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.TestCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sensor test} acting as an ESP32: its EC key, its TLS 1.2, and its check of the server
 * against the CA certificates in its own package and against the endpoint's name, as mbedTLS with
 * {@code CERT_REQUIRED} and {@code server_hostname} does. The package's ca.pem is replaced by the
 * local test CA where the test needs a broker it trusts (AWS's roots sign no local broker).
 */
@ExtendWith({MotoServer.class, MosquittoBroker.class})
class Esp32SensorTestIT {
  private static final String TOPIC = "esp32bme280/porch";

  @TempDir Path home;

  private MotoServer.Instance moto;
  private Path pkg;

  @BeforeEach
  void addPorch(MotoServer.Instance moto) {
    this.moto = moto;
    try (Iotsys iotsys = iotsys()) {
      iotsys.install("home", false, IotsysListener.NONE);
      assertTrue(
          iotsys
              .addSensors(
                  new AddSensorsRequest(
                      Esp32Bme280SensorType.ID, List.of("porch"), "n", "", false, false),
                  IotsysListener.NONE)
              .succeeded());
    }
    pkg = home.resolve("sensor-esp32bme280/sensors/porch");
  }

  private Iotsys iotsys() {
    return MotoAws.iotsys(moto).home(home).build();
  }

  private SensorTestResult test(String endpoint) {
    try (Iotsys iotsys = iotsys()) {
      return iotsys.testSensor(
          SensorTestRequest.of("porch").withEndpoint(endpoint).withWait(Duration.ZERO),
          IotsysListener.NONE);
    }
  }

  private void trustTheTestCa() throws Exception {
    Files.copy(
        TestCa.shared().caPem(),
        pkg.resolve("ca.pem"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static LinkCheck check(SensorTestResult result, Link link) {
    return result.links().stream().filter(l -> l.link() == link).findFirst().orElseThrow();
  }

  @Test
  void test_againstABrokerThePackagesCaSigned_reachesThePuback_withTheEcKey(
      MosquittoBroker.Instance broker) throws Exception {
    trustTheTestCa();
    try (MosquittoBroker.Subscriber subscriber = broker.subscribe("esp32bme280/#")) {
      SensorTestResult result = test(broker.endpoint());

      assertTrue(result.passed(), result.toString());
      assertEquals(Verdict.PASSED, check(result, Link.TLS_SERVER).verdict());
      assertEquals(Verdict.PASSED, check(result, Link.PUBACK).verdict());
      assertThat(check(result, Link.TLS_SERVER).detail())
          .startsWith("TLS 1.2 with localhost")
          .contains("trusted through the package's 1 CA certificate, as the board");
      assertThat(check(result, Link.PACKAGE).detail())
          .contains("certifies the package's EC key", "checking the server against");
      // The middle of each plausible range the type declares, as the firmware writes them.
      assertEquals(
          new MosquittoBroker.Message(
              TOPIC, "{\"temperature\": 20.0, \"humidity\": 45.0, \"pressure\": 1010.0}", 1),
          subscriber.next(Duration.ofSeconds(10)));
      assertNull(subscriber.next(Duration.ofMillis(500)));
    }
  }

  @Test
  void test_againstABrokerAnotherCaSigned_stopsAtTheServersCertificate_withExitCode12()
      throws Exception {
    trustTheTestCa();
    TestCa rogue = TestCa.other("rogue");
    try (MosquittoBroker.Instance broker =
        MosquittoBroker.start(
            MosquittoBroker.Settings.signedBy(rogue).trustingClientsOf(TestCa.shared()))) {
      SensorTestResult result = test(broker.endpoint());

      assertEquals(Link.TLS_SERVER, result.failure().orElseThrow().link(), result.toString());
      assertEquals(ErrorKind.SERVER_NOT_TRUSTED, result.errorKind().orElseThrow());
      assertEquals(12, result.errorKind().orElseThrow().exitCode());
      assertThat(check(result, Link.TLS_SERVER).detail())
          .contains("issued by CN=iotsys rogue CA, is not signed by a CA in the package's");
      assertEquals(Verdict.NOT_CHECKED, check(result, Link.CONNECT).verdict());
    }
  }

  /**
   * With the Amazon roots it was written with, the package trusts no local broker: as the board.
   */
  @Test
  void test_ofTheWrittenPackage_refusesAServerAwsDidNotSign(MosquittoBroker.Instance broker) {
    SensorTestResult result = test(broker.endpoint());

    assertEquals(Link.TLS_SERVER, result.failure().orElseThrow().link(), result.toString());
    assertThat(check(result, Link.TLS_SERVER).detail())
        .contains("is not signed by a CA in the package's 4 CA certificates, as the board");
  }
}
