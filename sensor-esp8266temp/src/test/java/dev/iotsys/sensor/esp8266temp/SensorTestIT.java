package dev.iotsys.sensor.esp8266temp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.SensorTestRequest;
import dev.iotsys.api.SensorTestResult;
import dev.iotsys.api.SensorTestResult.Link;
import dev.iotsys.api.SensorTestResult.LinkCheck;
import dev.iotsys.api.SensorTestResult.Verdict;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.internal.devicetest.ReadingTrail;
import dev.iotsys.internal.devicetest.StandInDevice;
import dev.iotsys.spi.SensorType;
import dev.iotsys.testing.MosquittoBroker;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.PayloadFixtures;
import dev.iotsys.testing.ScriptedMqttPeer;
import dev.iotsys.testing.TestCa;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code sensor test} with a package made by {@code sensor add} against moto, whose certificates
 * the test CA signs: against a real Mosquitto broker with mutual TLS, and against a scripted MQTT
 * peer for AWS IoT's own refusals.
 */
@ExtendWith({MotoServer.class, MosquittoBroker.class})
class SensorTestIT {
  private static final String PASSWORD = "a secret pa$$word";
  private static final String TOPIC = "esp8266temp/kitchen";
  private static final Duration QUIET = Duration.ofMillis(500);

  @TempDir Path home;

  private MotoServer.Instance moto;
  private Path pkg;

  @BeforeEach
  void addKitchen(MotoServer.Instance moto) {
    this.moto = moto;
    try (Iotsys iotsys = iotsys()) {
      iotsys.install("home", false, IotsysListener.NONE);
      assertTrue(
          iotsys
              .addSensors(
                  new AddSensorsRequest(
                      Esp8266TempSensorType.ID,
                      List.of("kitchen"),
                      "home-net",
                      PASSWORD,
                      false,
                      false),
                  IotsysListener.NONE)
              .succeeded());
    }
    pkg = home.resolve("sensor-esp8266temp/sensors/kitchen");
  }

  private Iotsys iotsys() {
    return MotoAws.iotsys(moto).home(home).build();
  }

  private SensorTestResult test(SensorTestRequest request) {
    try (Iotsys iotsys = iotsys()) {
      return iotsys.testSensor(request, IotsysListener.NONE);
    }
  }

  private static SensorTestRequest against(String endpoint, TestCa ca) {
    return SensorTestRequest.of("kitchen")
        .withEndpoint(endpoint)
        .withCaFile(ca.caPem())
        .withWait(Duration.ZERO);
  }

  private static Map<Link, Verdict> verdicts(SensorTestResult result) {
    Map<Link, Verdict> verdicts = new java.util.EnumMap<>(Link.class);
    result.links().forEach(l -> verdicts.put(l.link(), l.verdict()));
    return verdicts;
  }

  private static void assertFailedAt(SensorTestResult result, Link link, ErrorKind kind) {
    assertEquals(link, result.failure().orElseThrow().link(), result.toString());
    assertEquals(kind, result.errorKind().orElseThrow());
    assertEquals(List.of(Link.values()), result.links().stream().map(LinkCheck::link).toList());
    boolean after = false;
    for (LinkCheck check : result.links()) {
      if (after) {
        assertEquals(Verdict.NOT_CHECKED, check.verdict(), check.toString());
      } else if (check.link() == link) {
        after = true;
      } else {
        assertEquals(Verdict.PASSED, check.verdict(), check.toString());
      }
    }
    assertThat(result.toString()).doesNotContain(PASSWORD);
  }

  private static String detail(SensorTestResult result, Link link) {
    return result.links().stream().filter(l -> l.link() == link).findFirst().orElseThrow().detail();
  }

  @Test
  void test_againstMutualTlsBroker_passes_andTheSubscriberGetsExactlyTheFirmwaresMessage(
      MosquittoBroker.Instance broker) throws Exception {
    int logged = broker.log().length();
    try (MosquittoBroker.Subscriber subscriber = broker.subscribe("esp8266temp/#")) {
      SensorTestResult result = test(against(broker.endpoint(), TestCa.shared()));

      assertTrue(result.passed(), result.toString());
      Map<Link, Verdict> verdicts = verdicts(result);
      for (Link link :
          List.of(
              Link.PACKAGE,
              Link.TCP,
              Link.TLS_SERVER,
              Link.CLIENT_CERTIFICATE,
              Link.CONNECT,
              Link.PUBACK)) {
        assertEquals(Verdict.PASSED, verdicts.get(link), link.toString());
      }
      assertEquals(Verdict.NOT_CHECKED, verdicts.get(Link.STORED));
      assertThat(detail(result, Link.STORED)).contains("--wait 0");
      // 20.0 °C: the middle of the type's plausible 15 to 25 °C, as the firmware writes it.
      MosquittoBroker.Message message = subscriber.next(Duration.ofSeconds(10));
      assertEquals(new MosquittoBroker.Message(TOPIC, "{\"temperature\": 20.0}", 1), message);
      assertNull(subscriber.next(QUIET));
    }
    assertThat(broker.log().substring(logged)).contains("as kitchen (p2, c1, k60, u'kitchen')");
  }

  /**
   * The message on the wire is the firmware's for the same reading: the expectation is the payload
   * the firmware suite recorded for that raw reading (firmware/fixtures), taken at readings whose
   * exact value lies halfway between two hundredths, where a rounding rule shows.
   */
  @Test
  void test_sendsTheGivenValue_asTheFirmwarePublishesIt(MosquittoBroker.Instance broker)
      throws Exception {
    List<PayloadFixtures.Entry> halfway =
        PayloadFixtures.of(new Esp8266TempSensorType()).stream()
            .filter(
                e ->
                    e.values()
                            .get("temperature")
                            .movePointRight(3)
                            .remainder(BigDecimal.TEN)
                            .abs()
                            .intValue()
                        == 5)
            .filter(e -> e.values().get("temperature").scale() <= 3)
            .limit(2)
            .toList();
    assertEquals(2, halfway.size(), "the fixture has readings halfway between two hundredths");
    try (MosquittoBroker.Subscriber subscriber = broker.subscribe(TOPIC)) {
      for (PayloadFixtures.Entry e : halfway) {
        SensorTestResult result =
            test(
                against(broker.endpoint(), TestCa.shared())
                    .withValue(e.values().get("temperature")));

        assertTrue(result.passed(), result.toString());
        assertEquals(e.payload(), subscriber.next(Duration.ofSeconds(10)).payload(), e.toString());
      }
    }
  }

  @Test
  void test_whenTheBrokerIsSignedByAnotherCa_failsAtTheServersCertificate() throws Exception {
    TestCa rogue = TestCa.other("rogue");
    try (MosquittoBroker.Instance broker =
        MosquittoBroker.start(
            MosquittoBroker.Settings.signedBy(rogue).trustingClientsOf(TestCa.shared()))) {
      SensorTestResult result = test(against(broker.endpoint(), TestCa.shared()));

      assertFailedAt(result, Link.TLS_SERVER, ErrorKind.SERVER_NOT_TRUSTED);
      assertThat(detail(result, Link.TLS_SERVER))
          .contains("issued by CN=iotsys rogue CA, is not signed by a CA in --ca-file");
    }
  }

  /** The ESP8266's axTLS checks no server certificate, so neither does the test acting as it. */
  @Test
  void test_withoutCaFile_checksNoServerCertificate_asTheBoardChecksNone() throws Exception {
    TestCa rogue = TestCa.other("rogue");
    try (MosquittoBroker.Instance broker =
        MosquittoBroker.start(
            MosquittoBroker.Settings.signedBy(rogue).trustingClientsOf(TestCa.shared()))) {
      SensorTestResult result =
          test(
              SensorTestRequest.of("kitchen")
                  .withEndpoint(broker.endpoint())
                  .withWait(Duration.ZERO));

      assertTrue(result.passed(), result.toString());
      assertEquals(Verdict.NOT_CHECKED, verdicts(result).get(Link.TLS_SERVER));
      assertEquals(Verdict.PASSED, verdicts(result).get(Link.PUBACK));
      assertThat(detail(result, Link.TLS_SERVER))
          .startsWith("not checked, as the board does not")
          .contains("issued by CN=iotsys rogue CA", "--ca-file");
      assertThat(detail(result, Link.PACKAGE))
          .contains("checking no server certificate (as the board's TLS stack)");
    }
  }

  @Test
  void test_whenTheBrokerDoesNotTrustTheDevice_failsAtTheDevicesCertificate() throws Exception {
    try (MosquittoBroker.Instance broker =
        MosquittoBroker.start(
            MosquittoBroker.Settings.signedBy(TestCa.shared())
                .trustingClientsOf(TestCa.other("stranger")))) {
      SensorTestResult result = test(against(broker.endpoint(), TestCa.shared()));

      assertFailedAt(result, Link.CLIENT_CERTIFICATE, ErrorKind.CERTIFICATE_REFUSED);
      assertThat(detail(result, Link.CLIENT_CERTIFICATE))
          .contains("refused the device certificate CN=kitchen", "INACTIVE");
    }
  }

  @Test
  void test_whenThereIsNoPackage_failsAtThePackage_withoutConnecting(
      MosquittoBroker.Instance broker) throws Exception {
    SensorTestResult result =
        test(
            SensorTestRequest.of("attic")
                .withEndpoint(broker.endpoint())
                .withCaFile(TestCa.shared().caPem()));

    assertFailedAt(result, Link.PACKAGE, ErrorKind.PACKAGE_UNUSABLE);
    assertThat(detail(result, Link.PACKAGE))
        .contains(
            "no device package at sensor-esp8266temp/sensors/attic",
            "'iotsys sensor add esp8266temp attic'");
    assertTrue(result.connection().isEmpty());
    assertThat(broker.log()).doesNotContain("attic");
    assertThat(detail(result, Link.TCP)).isEqualTo("not checked: package failed");
  }

  @Test
  void test_whenKeyDerIsMissing_saysThePackageIsIncomplete(MosquittoBroker.Instance broker)
      throws Exception {
    Files.delete(pkg.resolve("key.der"));

    SensorTestResult result = test(against(broker.endpoint(), TestCa.shared()));

    assertFailedAt(result, Link.PACKAGE, ErrorKind.PACKAGE_UNUSABLE);
    assertThat(detail(result, Link.PACKAGE)).contains("incomplete", "key.der is missing");
  }

  @Test
  void test_whenKeyDerIsNotPkcs1_namesTheFile(MosquittoBroker.Instance broker) throws Exception {
    // What a key converted without -traditional looks like to the board: PKCS#8, not PKCS#1.
    byte[] pkcs8 =
        java.security.KeyPairGenerator.getInstance("RSA")
            .generateKeyPair()
            .getPrivate()
            .getEncoded();
    Files.write(pkg.resolve("key.der"), pkcs8);

    SensorTestResult result = test(against(broker.endpoint(), TestCa.shared()));

    assertFailedAt(result, Link.PACKAGE, ErrorKind.PACKAGE_UNUSABLE);
    assertThat(detail(result, Link.PACKAGE)).contains("key.der", "PKCS#1");
  }

  @Test
  void test_whenCertAndKeyDoNotBelongTogether_saysSo(MosquittoBroker.Instance broker)
      throws Exception {
    try (Iotsys iotsys = iotsys()) {
      iotsys.addSensors(
          new AddSensorsRequest(
              Esp8266TempSensorType.ID, List.of("garage"), "home-net", PASSWORD, false, false),
          IotsysListener.NONE);
    }
    Files.copy(
        home.resolve("sensor-esp8266temp/sensors/garage/cert.der"),
        pkg.resolve("cert.der"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    SensorTestResult result = test(against(broker.endpoint(), TestCa.shared()));

    assertFailedAt(result, Link.PACKAGE, ErrorKind.PACKAGE_UNUSABLE);
    assertThat(detail(result, Link.PACKAGE))
        .contains("the package's certificate CN=garage does not certify its private key");
  }

  @Test
  void test_whenConfigJsonIsBroken_saysSo_withoutShowingThePassword(MosquittoBroker.Instance broker)
      throws Exception {
    Files.writeString(
        pkg.resolve("config.json"),
        "{\"thing_name\": \"kitchen\", \"wifi_password\": \"" + PASSWORD + "\" ,, }");

    SensorTestResult result = test(against(broker.endpoint(), TestCa.shared()));

    assertFailedAt(result, Link.PACKAGE, ErrorKind.PACKAGE_UNUSABLE);
    assertThat(detail(result, Link.PACKAGE)).contains("config.json is not valid JSON");
  }

  @Test
  void test_whenAFirmwareFileIsMissing_saysTheBoardWouldNotRun(MosquittoBroker.Instance broker)
      throws Exception {
    Files.delete(pkg.resolve(new Esp8266TempSensorType().contract().files().get(0)));

    SensorTestResult result = test(against(broker.endpoint(), TestCa.shared()));

    assertFailedAt(result, Link.PACKAGE, ErrorKind.PACKAGE_UNUSABLE);
    assertThat(detail(result, Link.PACKAGE)).contains("firmware", "would not run");
  }

  @Test
  void test_whenNothingListensOnTheEndpoint_failsAtTcp() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }

    SensorTestResult result = test(against("localhost:" + closed, TestCa.shared()));

    assertFailedAt(result, Link.TCP, ErrorKind.DEVICE_UNREACHABLE);
    assertThat(detail(result, Link.TCP)).contains("connection refused", "localhost:" + closed);
  }

  @Test
  void test_whenTheEndpointDoesNotResolve_failsAtTcp() {
    SensorTestResult result = test(against("no-such-endpoint.invalid:8883", TestCa.shared()));

    assertFailedAt(result, Link.TCP, ErrorKind.DEVICE_UNREACHABLE);
    assertThat(detail(result, Link.TCP)).contains("does not resolve");
  }

  @Test
  void test_badInput_failsBeforeAnyConnection(MosquittoBroker.Instance broker) throws Exception {
    int logged = broker.log().length();
    Path notACertificate = Files.writeString(home.resolve("ca.pem"), "not a certificate");
    List<Function<SensorTestRequest, SensorTestRequest>> bad =
        List.of(
            r -> r.withCaFile(notACertificate),
            r -> r.withCaFile(home.resolve("missing.pem")),
            r -> r.withEndpoint("localhost"),
            r -> r.withEndpoint("localhost:70000"),
            r -> r.withWait(Duration.ofHours(1)),
            r -> r.withReadings(0, Duration.ofSeconds(60)),
            r -> r.withReadings(2, Duration.ZERO));
    for (Function<SensorTestRequest, SensorTestRequest> change : bad) {
      SensorTestRequest request = change.apply(against(broker.endpoint(), TestCa.shared()));
      IotsysException e =
          assertThrows(IotsysException.class, () -> test(request), request.toString());
      assertEquals(ErrorKind.INVALID_INPUT, e.kind(), e.getMessage());
    }
    assertThrows(IotsysException.class, () -> test(SensorTestRequest.of("bad name!")));
    assertThat(broker.log().substring(logged)).doesNotContain("New connection");
  }

  @Test
  void test_asASimulatedSensor_publishesDriftingReadingsOnOneConnection(
      MosquittoBroker.Instance broker) throws Exception {
    List<IotsysEvent.Published> progress = new ArrayList<>();
    int logged = broker.log().length();
    try (MosquittoBroker.Subscriber subscriber = broker.subscribe(TOPIC);
        Iotsys iotsys = iotsys()) {
      SensorTestResult result =
          iotsys.testSensor(
              against(broker.endpoint(), TestCa.shared())
                  .withValue(new BigDecimal("21.5"))
                  .withReadings(4, Duration.ofMillis(1000)),
              event -> {
                if (event instanceof IotsysEvent.Published p) {
                  progress.add(p);
                }
              });

      assertTrue(result.passed(), result.toString());
      assertEquals(4, result.publishes().size());
      assertEquals(List.of(1, 2, 3, 4), progress.stream().map(p -> p.publish().index()).toList());
      List<Double> values = new ArrayList<>();
      ObjectMapper json = new ObjectMapper();
      for (int i = 0; i < 4; i++) {
        MosquittoBroker.Message m = subscriber.next(Duration.ofSeconds(10));
        values.add(json.readTree(m.payload()).get("temperature").asDouble());
      }
      assertEquals(21.5, values.get(0));
      for (int i = 1; i < values.size(); i++) {
        assertThat(Math.abs(values.get(i) - values.get(i - 1))).isLessThan(0.3);
      }
      Duration spread =
          Duration.between(result.publishes().get(0).sentAt(), result.publishes().get(3).sentAt());
      assertThat(spread).isBetween(Duration.ofMillis(2900), Duration.ofMillis(4500));
    }
    String log = broker.log().substring(logged);
    assertEquals(1, log.split("as kitchen", -1).length - 1, log);
  }

  /** Points the package itself at a local server, as if it were the account's endpoint. */
  private void packageEndpoint(int port) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = (ObjectNode) json.readTree(pkg.resolve("config.json").toFile());
    config.put("endpoint", "localhost");
    config.put("port", port);
    Files.writeString(pkg.resolve("config.json"), json.writeValueAsString(config));
  }

  @Test
  void test_whenAwsClosesAfterTheConnect_saysThePolicyRefused_andTheCertificateIsAttached()
      throws Exception {
    try (ScriptedMqttPeer aws =
        ScriptedMqttPeer.start(TestCa.shared(), ScriptedMqttPeer.Script.CLOSE_AFTER_CONNECT)) {
      packageEndpoint(aws.port());

      SensorTestResult result =
          test(
              SensorTestRequest.of("kitchen")
                  .withCaFile(TestCa.shared().caPem())
                  .withWait(Duration.ZERO));

      assertFailedAt(result, Link.CONNECT, ErrorKind.CONNECT_REFUSED);
      assertThat(detail(result, Link.CONNECT))
          .contains(
              "closed the connection after the CONNECT",
                  "refuses iot:Connect for client id kitchen",
              "the certificate is attached to thing kitchen", "iotsys-esp8266temp-device");
      assertEquals(List.of("kitchen"), aws.clientIds());
      assertEquals(List.of(60), aws.keepalives());
    }
  }

  @Test
  void test_whenAwsClosesAfterTheConnect_andTheCertificateIsDetached_saysSo() throws Exception {
    try (IotClient iot = MotoAws.iot(moto)) {
      for (String arn : iot.listThingPrincipals(r -> r.thingName("kitchen")).principals()) {
        iot.detachThingPrincipal(r -> r.thingName("kitchen").principal(arn));
      }
    }
    try (ScriptedMqttPeer aws =
        ScriptedMqttPeer.start(TestCa.shared(), ScriptedMqttPeer.Script.CLOSE_AFTER_CONNECT)) {
      packageEndpoint(aws.port());

      SensorTestResult result =
          test(
              SensorTestRequest.of("kitchen")
                  .withCaFile(TestCa.shared().caPem())
                  .withWait(Duration.ZERO));

      assertFailedAt(result, Link.CONNECT, ErrorKind.CONNECT_REFUSED);
      assertThat(detail(result, Link.CONNECT))
          .contains(
              "the certificate is not attached to thing kitchen (it has none)",
              "'iotsys sensor add esp8266temp kitchen' attaches it");
    }
  }

  @Test
  void test_whenAwsClosesAfterThePublish_failsAtThePuback() throws Exception {
    try (ScriptedMqttPeer aws =
        ScriptedMqttPeer.start(TestCa.shared(), ScriptedMqttPeer.Script.CLOSE_AFTER_PUBLISH)) {
      SensorTestResult result =
          test(against(aws.endpoint(), TestCa.shared()).withValue(new BigDecimal("21.5")));

      assertFailedAt(result, Link.PUBACK, ErrorKind.PUBLISH_REFUSED);
      assertThat(detail(result, Link.PUBACK))
          .contains(
              "closed the connection after the PUBLISH",
              "refuses iot:Publish on this topic for client kitchen");
      assertEquals(
          List.of(new ScriptedMqttPeer.Published(TOPIC, "{\"temperature\": 21.5}", 1)),
          aws.published());
      assertEquals(List.of(), aws.offeredAlpn(), "no ALPN offered off port 443");
    }
  }

  /**
   * moto runs no topic rules, so nothing ever reaches its store: the test writes the log event that
   * AWS IoT's error action would write (the documented error-action message) into the type's
   * rule-error log group itself, right after the reading was published.
   */
  @Test
  void test_whenTheReadingIsNotStored_showsTheErrorTheRuleLogged(MosquittoBroker.Instance broker)
      throws Exception {
    String awsMessage =
        "Failed to write records to Timestream. The error received was 'User:"
            + " arn:aws:sts::123456789012:assumed-role/iotsys-esp8266temp-rule/abc is not authorized"
            + " to perform: timestream:WriteRecords'";
    try (Iotsys iotsys = iotsys();
        CloudWatchLogsClient logs = MotoAws.logs(moto)) {
      logs.createLogStream(
          r -> r.logGroupName("/iotsys/esp8266temp/rule-errors").logStreamName("errors"));
      SensorTestResult result =
          iotsys.testSensor(
              against(broker.endpoint(), TestCa.shared()).withWait(Duration.ofSeconds(3)),
              event -> {
                if (event instanceof IotsysEvent.Published) {
                  logs.putLogEvents(
                      r ->
                          r.logGroupName("/iotsys/esp8266temp/rule-errors")
                              .logStreamName("errors")
                              .logEvents(
                                  InputLogEvent.builder()
                                      .timestamp(System.currentTimeMillis())
                                      .message(
                                          errorAction(
                                              "esp8266temp/garage", "another device's error"))
                                      .build(),
                                  InputLogEvent.builder()
                                      .timestamp(System.currentTimeMillis())
                                      .message(errorAction(TOPIC, awsMessage))
                                      .build()));
                }
              });

      assertFailedAt(result, Link.STORED, ErrorKind.NOT_STORED);
      assertThat(detail(result, Link.STORED))
          .contains(
              "no reading of kitchen in the store within"
                  + " 3 s; rule iotsys_esp8266temp logged: TimestreamAction: "
                  + awsMessage)
          .doesNotContain("another device");
    }
  }

  @Test
  void test_whenTheRuleLoggedNothing_saysWhereItLooked(MosquittoBroker.Instance broker) {
    SensorTestResult result =
        test(against(broker.endpoint(), TestCa.shared()).withWait(Duration.ofSeconds(1)));

    assertFailedAt(result, Link.STORED, ErrorKind.NOT_STORED);
    assertThat(detail(result, Link.STORED))
        .contains("logged no error in /iotsys/esp8266temp/rule-errors");
  }

  /**
   * moto runs no rules, so no reading reaches its store: a stand-in trail plays the store and
   * answers, on its second look, with a reading stamped after the publish. The real store behind
   * the link: SensorTestStoredIT.
   */
  @Test
  void test_whenTheReadingShowsUp_passesEveryLink(MosquittoBroker.Instance broker) {
    AtomicInteger looks = new AtomicInteger();
    Instant[] from = new Instant[1];
    ReadingTrail store =
        new ReadingTrail() {
          @Override
          public Optional<Instant> newestReading(SensorType type, String sensor, Instant since) {
            from[0] = since;
            return looks.incrementAndGet() < 2 ? Optional.empty() : Optional.of(Instant.now());
          }

          @Override
          public List<String> ruleErrors(SensorType type, String topic, Instant since) {
            throw new AssertionError("no error log is read when the reading is stored");
          }
        };
    StandInDevice device =
        new StandInDevice(
            SensorTypeRegistry.of(List.of(new Esp8266TempSensorType())),
            home,
            store,
            () -> {
              throw new AssertionError("no IoT call when every link passes");
            });
    Instant before = Instant.now();

    SensorTestResult result =
        device.run(
            against(broker.endpoint(), TestCa.shared()).withWait(Duration.ofSeconds(10)),
            IotsysListener.NONE);

    assertTrue(result.passed(), result.toString());
    assertEquals(
        List.of(Link.values()).stream().map(l -> Verdict.PASSED).toList(),
        result.links().stream().map(LinkCheck::verdict).toList());
    assertThat(detail(result, Link.STORED)).contains("'iotsys data kitchen' shows it");
    assertEquals(2, looks.get());
    assertThat(from[0]).isBefore(before);
  }

  private static String errorAction(String topic, String error) {
    return "{\"ruleName\": \"iotsys_esp8266temp\", \"topic\": \""
        + topic
        + "\","
        + " \"cloudwatchTraceId\": \"7e146a2c-95b5-6caf-98b9-50e3969734c7\","
        + " \"clientId\": \"kitchen\", \"base64OriginalPayload\": \"eyJ0ZW1wZXJhdHVyZSI6IDIxLjV9\","
        + " \"failures\": [{\"failedAction\": \"TimestreamAction\","
        + " \"failedResource\": \"home#esp8266temp\", \"errorMessage\": \""
        + error.replace("'", "\\u0027")
        + "\"}]}";
  }
}
