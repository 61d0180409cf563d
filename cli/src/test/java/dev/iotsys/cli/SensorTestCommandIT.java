package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MosquittoBroker;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code iotsys sensor test} end to end: a package made by {@code sensor add} against moto (whose
 * certificates the test CA signs), tested against a real Mosquitto broker with mutual TLS.
 */
@ExtendWith({MotoServer.class, MosquittoBroker.class})
class SensorTestCommandIT {
  @TempDir Path home;

  private MotoServer.Instance moto;
  private String out;
  private String err;

  @BeforeEach
  void addKitchen(MotoServer.Instance moto) {
    this.moto = moto;
    assertEquals(0, iotsys("install", "--db", "home"), err);
    assertEquals(
        0,
        iotsys(
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "--wifi-ssid",
            "net",
            "--wifi-password",
            "password1"),
        err);
  }

  private int iotsys(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--region",
            MotoServer.REGION,
            "--endpoint-url",
            moto.endpoint().toString(),
            "--home",
            home.toString()));
    int code =
        new IotsysCli(
                new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8),
                Map.of(),
                false)
            .run(all.toArray(String[]::new));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    return code;
  }

  private int sensorTest(String endpoint, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sensor",
                "test",
                "kitchen",
                "--endpoint",
                endpoint,
                "--ca-file",
                TestCa.shared().caPem().toString()));
    args.addAll(List.of(more));
    return iotsys(args.toArray(String[]::new));
  }

  private void assertOneErrorLine(String start) {
    List<String> lines = err.lines().toList();
    assertEquals(1, lines.size(), err);
    assertThat(lines.get(0)).startsWith(start).doesNotContain("Exception", "\tat ");
  }

  @Test
  void sensorTest_againstMutualTls_exits0_andASubscriberSeesTheReadingOnTheSensorsTopic(
      MosquittoBroker.Instance broker) throws Exception {
    try (MosquittoBroker.Subscriber subscriber = broker.subscribe("esp8266temp/#")) {
      assertEquals(0, sensorTest(broker.endpoint(), "--wait", "0"), out + err);

      MosquittoBroker.Message message = subscriber.next(Duration.ofSeconds(10));
      assertEquals("esp8266temp/kitchen", message.topic());
      assertThat(message.payload()).matches("\\{\"temperature\": -?[0-9]+\\.[0-9]+\\}");
      assertNull(subscriber.next(Duration.ofMillis(300)));
    }
    assertEquals("", err);
    assertThat(out)
        .contains(
            "sensor test kitchen (esp8266temp, package"
                + " sensor-esp8266temp/sensors/kitchen): "
                + broker.endpoint()
                + " as kitchen, topic"
                + " esp8266temp/kitchen");
    for (String link :
        List.of("package", "tcp", "tls-server", "client-certificate", "connect", "puback")) {
      assertThat(out).containsPattern("\n  ok    " + link + " +\\S");
    }
    assertThat(out)
        .containsPattern("\n  -     stored +not checked \\(--wait 0\\)")
        .contains("sensor test kitchen: passed (6 of 7 links checked, 1 reading sent)");
  }

  @Test
  void sensorTest_whenTheBrokerIsSignedByAnotherCa_oneLine_exit12() throws Exception {
    try (MosquittoBroker.Instance rogue =
        MosquittoBroker.start(
            MosquittoBroker.Settings.signedBy(TestCa.other("rogue"))
                .trustingClientsOf(TestCa.shared()))) {
      assertEquals(12, sensorTest(rogue.endpoint(), "--wait", "0"), out + err);
    }
    assertOneErrorLine(
        "iotsys: sensor test kitchen failed at tls-server: the server's"
            + " certificate CN=localhost, issued by CN=iotsys rogue CA, is not signed by a CA in"
            + " --ca-file");
    assertThat(out)
        .containsPattern("\n  FAIL  tls-server ")
        .contains("failed at tls-server (exit code 12)");
  }

  @Test
  void sensorTest_whenTheBrokerDoesNotTrustTheDevice_oneLine_exit13() throws Exception {
    try (MosquittoBroker.Instance strict =
        MosquittoBroker.start(
            MosquittoBroker.Settings.signedBy(TestCa.shared())
                .trustingClientsOf(TestCa.other("stranger")))) {
      assertEquals(13, sensorTest(strict.endpoint(), "--wait", "0"), out + err);
    }
    assertOneErrorLine(
        "iotsys: sensor test kitchen failed at client-certificate: the server"
            + " refused the device certificate CN=kitchen");
  }

  @Test
  void sensorTest_outputJson_isOneDocumentWithEveryLink(MosquittoBroker.Instance broker)
      throws Exception {
    assertEquals(
        0,
        sensorTest(broker.endpoint(), "--wait", "0", "--value", "19.25", "--output", "json"),
        err);

    JsonNode doc = new ObjectMapper().readTree(out);
    assertEquals("sensor test", doc.get("command").asText());
    assertTrue(doc.get("passed").asBoolean());
    assertEquals(0, doc.get("exitCode").asInt());
    assertTrue(doc.get("failure").isNull());
    assertEquals("kitchen", doc.get("connection").get("clientId").asText());
    assertEquals(60, doc.get("connection").get("keepaliveSeconds").asInt());
    assertEquals(
        List.of(
            "package", "tcp", "tls-server", "client-certificate", "connect", "puback", "stored"),
        doc.get("links").findValuesAsText("link"));
    assertEquals("NOT_CHECKED", doc.get("links").get(6).get("verdict").asText());
    assertEquals("{\"temperature\": 19.25}", doc.get("readings").get(0).get("payload").asText());
    assertEquals(1, out.lines().count());
  }

  @Test
  void sensorTest_whenThePackageIsMissing_oneLine_exit10() {
    assertEquals(10, iotsys("sensor", "test", "esp8266temp", "attic", "--wait", "0"), out + err);

    assertOneErrorLine(
        "iotsys: sensor test attic failed at package: no device package at"
            + " sensor-esp8266temp/sensors/attic: 'iotsys sensor add esp8266temp attic' writes it");
  }

  /** With several types and no type named, the test looks for the package of each. */
  @Test
  void sensorTest_whenNoTypeHasThePackage_namesWhereItLooked_exit10() {
    assertEquals(10, iotsys("sensor", "test", "attic", "--wait", "0"), out + err);

    assertOneErrorLine(
        "iotsys: No device package named attic in this home (looked in"
            + " sensor-esp32bme280/sensors/attic, sensor-esp8266temp/sensors/attic): 'iotsys sensor"
            + " add TYPE attic' writes one");
  }

  @Test
  void sensorTest_whenTheEndpointIsWrong_oneLine_exit11() {
    assertEquals(11, sensorTest("no-such-endpoint.invalid:8883", "--wait", "0"), out + err);

    assertOneErrorLine(
        "iotsys: sensor test kitchen failed at tcp: the name"
            + " no-such-endpoint.invalid does not resolve");
  }

  @Test
  void sensorTest_badOptions_exit2_beforeConnecting(MosquittoBroker.Instance broker)
      throws Exception {
    Path notPem = Files.writeString(home.resolve("x.pem"), "x");
    List<List<String>> bad =
        List.of(
            List.of("--wait", "soon"),
            List.of("--wait"),
            List.of("--value", "warm"),
            List.of("--count", "0"),
            List.of("--count", "many"),
            List.of("--interval", "5s"),
            List.of("--endpoint", "localhost"),
            List.of("--ca-file", notPem.toString()));
    int logged = broker.log().length();
    for (List<String> options : bad) {
      List<String> args = new ArrayList<>(List.of("sensor", "test", "kitchen"));
      if (!options.contains("--endpoint")) {
        args.addAll(List.of("--endpoint", broker.endpoint()));
      }
      args.addAll(options);
      assertEquals(2, iotsys(args.toArray(String[]::new)), options + ": " + out + err);
      assertOneErrorLine("iotsys: ");
    }
    assertThat(broker.log().substring(logged)).doesNotContain("New connection");
  }

  @Test
  void help_listsSensorTest_andItsExitCodes() {
    assertEquals(0, iotsys("help", "sensor", "test"));

    assertThat(out)
        .contains(
            "usage: iotsys sensor test [TYPE] NAME",
            "--ca-file PEM",
            "--endpoint HOST:PORT",
            "10  the device package is missing",
            "16  the reading did not reach the store in time");
  }
}
