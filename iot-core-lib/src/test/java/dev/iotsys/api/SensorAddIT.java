package dev.iotsys.api;

import static dev.iotsys.internal.sensor.SensorFixtures.POLICY;
import static dev.iotsys.internal.sensor.SensorFixtures.TYPE;
import static dev.iotsys.internal.sensor.SensorFixtures.activeCertificates;
import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.addWithNewCertificate;
import static dev.iotsys.internal.sensor.SensorFixtures.callsSince;
import static dev.iotsys.internal.sensor.SensorFixtures.certificates;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static dev.iotsys.internal.sensor.SensorFixtures.planAdd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.internal.sensor.SensorFixtures;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CertificateDescription;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;

/** {@code sensor add} against a real moto server, with this module's test sensor type. */
@ExtendWith(MotoServer.class)
class SensorAddIT {
  @TempDir Path home;

  @Test
  void add_onInstalledType_createsThingCertificateAttachmentsAndPrivateKeyFolder(
      MotoServer.Instance moto) throws Exception {
    install(moto, home);
    SensorsResult result;
    try (Iotsys iotsys = iotsys(moto, home)) {
      result = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
    }
    SensorResult kitchen = result.sensors().get(0);
    assertEquals(SensorOutcome.CREATED, kitchen.outcome(), kitchen.toString());
    assertEquals(Optional.empty(), kitchen.packageFolder());
    String id = kitchen.certificateId().orElseThrow();

    try (IotClient iot = MotoAws.iot(moto)) {
      DescribeThingResponse thing = iot.describeThing(r -> r.thingName("kitchen"));
      assertEquals(TYPE, thing.thingTypeName());
      assertEquals("iotsys", thing.attributes().get("managedBy"));
      CertificateDescription cert =
          iot.describeCertificate(r -> r.certificateId(id)).certificateDescription();
      assertEquals("ACTIVE", cert.statusAsString());
      assertEquals(
          List.of(cert.certificateArn()),
          iot.listThingPrincipals(r -> r.thingName("kitchen")).principals());
      assertEquals(
          List.of(POLICY),
          iot.listAttachedPolicies(r -> r.target(cert.certificateArn())).policies().stream()
              .map(p -> p.policyName())
              .toList());

      Path keys = home.resolve("certificates/kitchen");
      assertEquals(keys, kitchen.keyFolder().orElseThrow());
      X509Certificate x509 =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(
                          Files.readAllBytes(keys.resolve("certificate.pem"))));
      assertEquals("CN=kitchen", x509.getSubjectX500Principal().getName());
      RSAPrivateKey key =
          RSAPrivateKey.getInstance(Files.readAllBytes(keys.resolve("private-key.der")));
      assertEquals(((RSAPublicKey) x509.getPublicKey()).getModulus(), key.getModulus());
      assertThat(Files.readString(keys.resolve("private-key.pem")))
          .startsWith("-----BEGIN RSA PRIVATE KEY-----");
      assertEquals(id, Files.readString(keys.resolve("certificate-id")).trim());
      assertEquals(cert.certificateArn(), Files.readString(keys.resolve("certificate-arn")).trim());
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
      try (Stream<Path> files = Files.list(keys)) {
        for (Path f : files.toList()) {
          assertEquals(
              "rw-------",
              PosixFilePermissions.toString(Files.getPosixFilePermissions(f)),
              f.toString());
        }
      }
    }
  }

  @Test
  void add_secondRun_changesNothingAndMakesNoWriteCall(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      String first =
          iotsys
              .addSensors(add("kitchen"), IotsysListener.NONE)
              .sensors()
              .get(0)
              .certificateId()
              .orElseThrow();
      SensorsResult again = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      SensorResult kitchen = again.sensors().get(0);
      assertEquals(SensorOutcome.UNCHANGED, kitchen.outcome(), kitchen.actions().toString());
      assertEquals(first, kitchen.certificateId().orElseThrow());
      assertEquals(0, again.apiCalls().write());
      assertEquals(1, certificates(iot).size());
    }
  }

  @Test
  void add_afterHandDetachingPolicyAndThing_reattachesTheSameCertificate(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      SensorFixtures.AddedCertificate added = SensorFixtures.addOne(iotsys, iot, "kitchen");
      String id = added.id();
      String arn = added.arn();
      iot.detachPolicy(r -> r.policyName(POLICY).target(arn));
      iot.detachThingPrincipal(r -> r.thingName("kitchen").principal(arn));
      iot.updateCertificate(r -> r.certificateId(id).newStatus("INACTIVE"));

      SensorResult repaired =
          iotsys.addSensors(add("kitchen"), IotsysListener.NONE).sensors().get(0);

      assertEquals(SensorOutcome.UPDATED, repaired.outcome(), repaired.actions().toString());
      assertEquals(id, repaired.certificateId().orElseThrow());
      assertThat(repaired.actions())
          .anyMatch(a -> a.startsWith("adopted certificate"))
          .anyMatch(a -> a.startsWith("attached policy"))
          .anyMatch(a -> a.startsWith("attached certificate"))
          .anyMatch(a -> a.startsWith("activated certificate"));
      assertEquals(1, certificates(iot).size());
      assertEquals(1, activeCertificates(iot));
      assertEquals(List.of(arn), iot.listThingPrincipals(r -> r.thingName("kitchen")).principals());
    }
  }

  @Test
  void add_whenKeyMissing_refusesWithoutNewCertificate(MotoServer.Instance moto) throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      Files.delete(home.resolve("certificates/kitchen/private-key.der"));
      Files.delete(home.resolve("certificates/kitchen/private-key.pem"));

      SensorsResult refused = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);

      SensorResult kitchen = refused.sensors().get(0);
      assertEquals(SensorOutcome.FAILED, kitchen.outcome());
      assertEquals(Optional.of(ErrorKind.PRECONDITION), kitchen.errorKind());
      assertThat(kitchen.error().orElseThrow())
          .contains("its private key is not in", "--new-certificate");
      assertEquals(1, certificates(iot).size());
      assertTrue(refused.apiCalls().write() == 0, "no write call: " + refused.apiCalls());
    }
  }

  @Test
  void add_withNewCertificate_issuesAFreshOneAndRetiresTheOld(MotoServer.Instance moto)
      throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      String old =
          iotsys
              .addSensors(add("kitchen"), IotsysListener.NONE)
              .sensors()
              .get(0)
              .certificateId()
              .orElseThrow();
      Files.delete(home.resolve("certificates/kitchen/private-key.der"));
      Files.delete(home.resolve("certificates/kitchen/private-key.pem"));

      SensorResult renewed =
          iotsys.addSensors(addWithNewCertificate("kitchen"), IotsysListener.NONE).sensors().get(0);

      assertEquals(SensorOutcome.UPDATED, renewed.outcome(), renewed.toString());
      String fresh = renewed.certificateId().orElseThrow();
      assertFalse(fresh.equals(old));
      assertEquals(List.of(fresh), certificates(iot).stream().map(c -> c.certificateId()).toList());
      assertEquals(1, activeCertificates(iot));
      assertThat(renewed.actions())
          .anyMatch(a -> a.startsWith("deleted certificate " + old.substring(0, 12)));
      assertEquals(
          fresh, Files.readString(home.resolve("certificates/kitchen/certificate-id")).trim());

      SensorResult after = iotsys.addSensors(add("kitchen"), IotsysListener.NONE).sensors().get(0);
      assertEquals(SensorOutcome.UNCHANGED, after.outcome(), after.actions().toString());
    }
  }

  @Test
  void add_whenTypeNotInstalled_failsWithPreconditionAndCreatesNothing(MotoServer.Instance moto) {
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      IotsysException e =
          assertThrows(
              IotsysException.class, () -> iotsys.addSensors(add("kitchen"), IotsysListener.NONE));
      assertEquals(ErrorKind.PRECONDITION, e.kind());
      assertThat(e.getMessage()).contains("not installed", "iotsys install");
      assertTrue(iot.listThings().things().isEmpty());
      assertTrue(certificates(iot).isEmpty());
      assertFalse(Files.exists(home.resolve("certificates")));
    }
  }

  @Test
  void add_withBadInput_failsBeforeAnyAwsCallAndCreatesNothing(MotoServer.Instance moto) {
    String ssid = SensorFixtures.SSID;
    String password = SensorFixtures.PASSWORD;
    List<AddSensorsRequest> bad =
        List.of(
            new AddSensorsRequest(
                TYPE, List.of("kitchen", "bad name"), ssid, password, false, false),
            new AddSensorsRequest(TYPE, List.of("x".repeat(129)), ssid, password, false, false),
            new AddSensorsRequest(TYPE, List.of("kitchen"), "s".repeat(33), password, false, false),
            new AddSensorsRequest(TYPE, List.of("kitchen"), ssid, "short&7", false, false),
            new AddSensorsRequest(TYPE, List.of("kitchen"), ssid, "l".repeat(64), false, false),
            new AddSensorsRequest("nosuchtype", List.of("kitchen"), ssid, password, false, false));
    try (Iotsys iotsys = iotsys(moto, home)) {
      for (AddSensorsRequest request : bad) {
        IotsysException e =
            assertThrows(
                IotsysException.class, () -> iotsys.addSensors(request, IotsysListener.NONE));
        assertEquals(ErrorKind.INVALID_INPUT, e.kind(), request.toString());
        assertThat(e.getMessage()).doesNotContain(request.wifiPassword());
        assertThat(request.toString()).doesNotContain(request.wifiPassword());
      }
      assertTrue(iotsys.apiCallsByOperation().isEmpty(), iotsys.apiCallsByOperation().toString());
      assertFalse(Files.exists(home.resolve("certificates")));
    }
  }

  @Test
  void add_severalNames_runsThemAll_andOneFailingDoesNotStopTheOthers(MotoServer.Instance moto) {
    install(moto, home);
    List<IotsysEvent> events = Collections.synchronizedList(new ArrayList<>());
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iot.createThing(r -> r.thingName("garage")); // not made by iotsys: must be left alone
      List<String> names = List.of("kitchen", "garage", "attic", "cellar", "hall", "porch");

      SensorsResult result = iotsys.addSensors(add(names.toArray(String[]::new)), events::add);

      assertEquals(names, result.sensors().stream().map(SensorResult::name).toList());
      assertEquals(List.of("garage"), result.failed().stream().map(SensorResult::name).toList());
      assertThat(result.failed().get(0).error().orElseThrow()).contains("iotsys did not create it");
      assertEquals(
          5, result.sensors().stream().filter(s -> s.outcome() == SensorOutcome.CREATED).count());
      assertEquals(5, activeCertificates(iot));
      assertTrue(iot.listThingPrincipals(r -> r.thingName("garage")).principals().isEmpty());
      assertEquals(
          6,
          events.stream()
              .filter(e -> e instanceof IotsysEvent.Checking c && c.kind().equals("sensor"))
              .count());
    }
  }

  @Test
  void dryRun_onNewSensor_plansEverythingAndMakesNoMutatingCallNorWritesAFile(
      MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      Map<String, Long> before = iotsys.apiCallsByOperation();
      SensorsResult plan = iotsys.addSensors(planAdd("kitchen"), IotsysListener.NONE);
      Map<String, Long> calls = callsSince(before, iotsys.apiCallsByOperation());

      SensorResult kitchen = plan.sensors().get(0);
      assertEquals(SensorOutcome.WOULD_CREATE, kitchen.outcome());
      assertThat(kitchen.actions())
          .anyMatch(a -> a.startsWith("would generate"))
          .anyMatch(a -> a.startsWith("would create thing kitchen"))
          .anyMatch(a -> a.startsWith("would issue a certificate"));
      assertTrue(calls.keySet().stream().noneMatch(SensorFixtures::mutating), calls.toString());
      assertTrue(iot.listThings().things().isEmpty());
      assertFalse(Files.exists(home.resolve("certificates")));
    }
  }

  @Test
  void dryRun_onExistingSensorWithDetachedPolicy_plansTheReattachOnly(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      SensorFixtures.AddedCertificate added = SensorFixtures.addOne(iotsys, iot, "kitchen");
      String id = added.id();
      String arn = added.arn();
      iot.detachPolicy(r -> r.policyName(POLICY).target(arn));

      SensorsResult plan = iotsys.addSensors(planAdd("kitchen"), IotsysListener.NONE);

      SensorResult kitchen = plan.sensors().get(0);
      assertEquals(SensorOutcome.WOULD_UPDATE, kitchen.outcome());
      assertEquals(
          List.of("would attach policy " + POLICY + " to certificate " + id.substring(0, 12)),
          kitchen.actions());
      assertEquals(0, plan.apiCalls().write());
      assertTrue(iot.listAttachedPolicies(r -> r.target(arn)).policies().isEmpty());
    }
  }

  @Test
  void add_whenAwsThrottles_backsOffAndRetries_andStillConverges(MotoServer.Instance moto) {
    install(moto, home);
    ThrottleFirstAttempts throttle = new ThrottleFirstAttempts("DescribeThing", 2);
    try (Iotsys iotsys = iotsys(moto, home, throttle);
        IotClient iot = MotoAws.iot(moto)) {
      SensorsResult result = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      assertEquals(
          SensorOutcome.CREATED,
          result.sensors().get(0).outcome(),
          result.sensors().get(0).toString());
      assertEquals(2, throttle.throttled.get());
      assertEquals(1, activeCertificates(iot));
    }
  }

  /**
   * Answers the first attempts of one operation as AWS does when over its rate (moto never does).
   */
  private static final class ThrottleFirstAttempts implements ExecutionInterceptor {
    private final String operation;
    private final int times;
    final java.util.concurrent.atomic.AtomicInteger throttled =
        new java.util.concurrent.atomic.AtomicInteger();

    ThrottleFirstAttempts(String operation, int times) {
      this.operation = operation;
      this.times = times;
    }

    private boolean hit(ExecutionAttributes attributes) {
      return operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
          && attributes.getAttribute(THROTTLED) != null;
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      if (operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
          && throttled.get() < times) {
        throttled.incrementAndGet();
        attributes.putAttribute(THROTTLED, Boolean.TRUE);
        return context.httpResponse().toBuilder()
            .statusCode(429)
            .putHeader("x-amzn-ErrorType", "ThrottlingException")
            .putHeader("Content-Type", "application/json")
            .build();
      }
      attributes.putAttribute(THROTTLED, null);
      return context.httpResponse();
    }

    @Override
    public Optional<java.io.InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
      return hit(attributes)
          ? Optional.of(new ByteArrayInputStream("{\"message\":\"Rate exceeded\"}".getBytes()))
          : context.responseBody();
    }
  }

  private static final ExecutionAttribute<Boolean> THROTTLED =
      new ExecutionAttribute<>("throttled");
}
