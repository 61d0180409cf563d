package dev.iotsys.sensor.esp8266temp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.RemoveSensorsRequest;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.SensorsResult;
import dev.iotsys.testing.FaultInjection;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Certificate;

/** The whole {@code sensor add} / {@code remove} of an ESP8266, device package included. */
@ExtendWith(MotoServer.class)
class Esp8266TempSensorIT {
  private static final String NAME = "kitchen";
  private static final String PASSWORD = "my pa$$ / & \" \\ word";
  private static final AddSensorsRequest ADD =
      new AddSensorsRequest(
          Esp8266TempSensorType.ID, List.of(NAME), "home-net", PASSWORD, false, false);
  private static final RemoveSensorsRequest REMOVE =
      new RemoveSensorsRequest(Optional.of(Esp8266TempSensorType.ID), List.of(NAME), false, false);

  @TempDir Path tmp;

  private static Iotsys iotsys(MotoServer.Instance moto, Path home, ExecutionInterceptor... extra) {
    Iotsys.Builder builder = MotoAws.iotsys(moto).home(home);
    for (ExecutionInterceptor i : extra) {
      builder.client(ExecutionInterceptor.class, i);
    }
    return builder.build();
  }

  private static void install(MotoServer.Instance moto, Path home) {
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.install("home", false, IotsysListener.NONE);
    }
  }

  @Test
  void add_writesAWorkingDevicePackage_andRemoveLeavesNothing(MotoServer.Instance moto)
      throws Exception {
    install(moto, tmp);
    try (Iotsys iotsys = iotsys(moto, tmp);
        IotClient iot = MotoAws.iot(moto)) {
      SensorResult kitchen = iotsys.addSensors(ADD, IotsysListener.NONE).sensors().get(0);

      assertEquals(SensorOutcome.CREATED, kitchen.outcome(), kitchen.toString());
      Path pkg = tmp.resolve("sensor-esp8266temp/sensors/kitchen");
      assertEquals(Optional.of(pkg), kitchen.packageFolder());
      assertWorkingSensor(iot, tmp);

      SensorResult removed = iotsys.removeSensors(REMOVE, IotsysListener.NONE).sensors().get(0);

      assertEquals(SensorOutcome.REMOVED, removed.outcome(), removed.toString());
      assertThat(removed.actions())
          .contains("deleted device package sensor-esp8266temp/sensors/kitchen");
      assertNothingLeft(iot, tmp);
    }
  }

  @Test
  void add_whenThePackageIsDeleted_rewritesItWithoutANewCertificate(MotoServer.Instance moto)
      throws Exception {
    install(moto, tmp);
    try (Iotsys iotsys = iotsys(moto, tmp);
        IotClient iot = MotoAws.iot(moto)) {
      String id =
          iotsys
              .addSensors(ADD, IotsysListener.NONE)
              .sensors()
              .get(0)
              .certificateId()
              .orElseThrow();
      Path pkg = tmp.resolve("sensor-esp8266temp/sensors/kitchen");
      Files.delete(pkg.resolve("config.json"));
      Files.delete(pkg.resolve("main.py"));

      SensorsResult again = iotsys.addSensors(ADD, IotsysListener.NONE);

      SensorResult kitchen = again.sensors().get(0);
      assertEquals(SensorOutcome.UPDATED, kitchen.outcome());
      assertEquals(
          List.of("updated device package sensor-esp8266temp/sensors/kitchen"),
          kitchen.actions().stream().filter(a -> a.contains("package")).toList());
      assertEquals(id, kitchen.certificateId().orElseThrow());
      assertEquals(0, again.apiCalls().write());
      assertWorkingSensor(iot, tmp);
    }
  }

  @Test
  void add_withNewCertificate_rewritesThePackageWithTheNewKeyAndCertificate(
      MotoServer.Instance moto) throws Exception {
    install(moto, tmp);
    try (Iotsys iotsys = iotsys(moto, tmp);
        IotClient iot = MotoAws.iot(moto)) {
      iotsys.addSensors(ADD, IotsysListener.NONE);
      Path pkg = tmp.resolve("sensor-esp8266temp/sensors/kitchen");
      byte[] oldKey = Files.readAllBytes(pkg.resolve("key.der"));

      SensorResult rotated =
          iotsys
              .addSensors(
                  new AddSensorsRequest(
                      Esp8266TempSensorType.ID, List.of(NAME), "home-net", PASSWORD, true, false),
                  IotsysListener.NONE)
              .sensors()
              .get(0);

      assertEquals(SensorOutcome.UPDATED, rotated.outcome(), rotated.toString());
      assertThat(rotated.actions())
          .contains("updated device package sensor-esp8266temp/sensors/kitchen");
      assertFalse(java.util.Arrays.equals(oldKey, Files.readAllBytes(pkg.resolve("key.der"))));
      assertWorkingSensor(iot, tmp);
    }
  }

  /**
   * Kills {@code add} right after each of its AWS calls in turn (the call is done in AWS, the run
   * never learns of it), then shows that the next {@code add} ends with exactly one active
   * certificate and a working package, and that {@code remove}, after the kill or after the
   * repairing add, leaves nothing.
   */
  @Test
  void add_killedAfterEachAwsCall_isFinishedByTheNextAdd_andCleanedByRemove(
      MotoServer.Instance moto) throws Exception {
    install(moto, tmp.resolve("count"));
    FaultInjection counter = FaultInjection.never(FaultInjection.IOT);
    try (Iotsys iotsys = iotsys(moto, tmp.resolve("count"), counter)) {
      assertEquals(
          SensorOutcome.CREATED,
          iotsys.addSensors(ADD, IotsysListener.NONE).sensors().get(0).outcome());
    }
    int calls = counter.calls();
    assertThat(calls).isGreaterThan(8);

    for (int n = 1; n <= calls; n++) {
      for (boolean repairFirst : List.of(true, false)) {
        moto.reset();
        Path home = tmp.resolve("kill-" + n + "-" + repairFirst);
        install(moto, home);
        FaultInjection kill = FaultInjection.killAfter(FaultInjection.IOT, n);
        try (Iotsys killed = iotsys(moto, home, kill)) {
          SensorResult result = killed.addSensors(ADD, IotsysListener.NONE).sensors().get(0);
          assertEquals(SensorOutcome.FAILED, result.outcome(), kill.toString());
          assertThat(result.error().orElseThrow()).contains("injected");
        } catch (IotsysException killedBeforeAnyName) {
          // The kill hit the command's own checks (is the type installed?), before any name.
          assertThat(killedBeforeAnyName.getMessage()).contains("injected");
        }
        try (Iotsys iotsys = iotsys(moto, home);
            IotClient iot = MotoAws.iot(moto)) {
          if (repairFirst) {
            SensorResult repaired = iotsys.addSensors(ADD, IotsysListener.NONE).sensors().get(0);
            assertFalse(repaired.outcome().isFailure(), "after kill " + n + ": " + repaired);
            assertWorkingSensor(iot, home);
          }
          SensorResult removed = iotsys.removeSensors(REMOVE, IotsysListener.NONE).sensors().get(0);
          assertFalse(removed.outcome().isFailure(), "after kill " + n + ": " + removed);
          assertNothingLeft(iot, home);
        }
      }
    }
  }

  /** One ACTIVE certificate, attached to the thing and the policy, matching the package's key. */
  private static void assertWorkingSensor(IotClient iot, Path home) throws Exception {
    List<Certificate> certificates = iot.listCertificates().certificates();
    assertEquals(1, certificates.size(), certificates.toString());
    Certificate c = certificates.get(0);
    assertEquals("ACTIVE", c.statusAsString());
    assertEquals(
        List.of(c.certificateArn()), iot.listThingPrincipals(r -> r.thingName(NAME)).principals());
    assertEquals(
        List.of("iotsys-esp8266temp-device"),
        iot.listAttachedPolicies(r -> r.target(c.certificateArn())).policies().stream()
            .map(p -> p.policyName())
            .toList());
    assertEquals("iotsys", iot.describeThing(r -> r.thingName(NAME)).attributes().get("managedBy"));

    Path pkg = home.resolve("sensor-esp8266temp/sensors/kitchen");
    X509Certificate x509 =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(Files.readAllBytes(pkg.resolve("cert.der"))));
    assertEquals("CN=kitchen", x509.getSubjectX500Principal().getName());
    String awsPem =
        iot.describeCertificate(r -> r.certificateId(c.certificateId()))
            .certificateDescription()
            .certificatePem();
    X509Certificate aws =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(awsPem.getBytes()));
    assertEquals(aws, x509);
    RSAPrivateKey key = RSAPrivateKey.getInstance(Files.readAllBytes(pkg.resolve("key.der")));
    assertEquals(((RSAPublicKey) x509.getPublicKey()).getModulus(), key.getModulus());
    assertEquals(((RSAPublicKey) x509.getPublicKey()).getPublicExponent(), key.getPublicExponent());

    JsonNode config = new ObjectMapper().readTree(pkg.resolve("config.json").toFile());
    assertEquals(NAME, config.get("thing_name").asText());
    assertThat(config.get("endpoint").asText()).isNotBlank();
    assertEquals(8883, config.get("port").asInt());
    assertEquals("esp8266temp/kitchen", config.get("topic").asText());
    assertEquals("home-net", config.get("wifi_ssid").asText());
    assertEquals(PASSWORD, config.get("wifi_password").asText());
    for (String file : new Esp8266TempSensorType().contract().files()) {
      assertTrue(Files.isRegularFile(pkg.resolve(file)), file);
    }
    assertEquals(
        c.certificateId(),
        Files.readString(home.resolve("certificates/kitchen/certificate-id")).trim());
  }

  private static void assertNothingLeft(IotClient iot, Path home) {
    assertTrue(iot.listThings().things().isEmpty(), iot.listThings().things().toString());
    assertTrue(
        iot.listCertificates().certificates().isEmpty(),
        iot.listCertificates().certificates().toString());
    assertFalse(Files.exists(home.resolve("certificates/kitchen")));
    assertFalse(Files.exists(home.resolve("sensor-esp8266temp/sensors/kitchen")));
  }
}
