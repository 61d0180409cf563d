package dev.iotsys.api;

import static dev.iotsys.internal.sensor.SensorFixtures.POLICY;
import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.addWithNewCertificate;
import static dev.iotsys.internal.sensor.SensorFixtures.certificates;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static dev.iotsys.internal.sensor.SensorFixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Certificate;

/**
 * Runs killed after each of their AWS calls (the call is done in AWS; the run never learns of it)
 * and what the next run makes of them. The plain {@code add} is killed in the sensor module's test,
 * with its device package; here the key rotation and the removal.
 */
@ExtendWith(MotoServer.class)
class SensorCrashIT {
  @TempDir Path tmp;

  @Test
  void newCertificate_killedAfterEachAwsCall_isFinishedByThePlainAdd(MotoServer.Instance moto)
      throws Exception {
    forEachKill(
        moto,
        iotsys -> iotsys.addSensors(add("kitchen"), IotsysListener.NONE),
        iotsys -> iotsys.addSensors(addWithNewCertificate("kitchen"), IotsysListener.NONE),
        (iotsys, home) -> {
          SensorResult next =
              iotsys.addSensors(add("kitchen"), IotsysListener.NONE).sensors().get(0);
          assertFalse(next.outcome().isFailure(), next.toString());
          assertOneWorkingCertificate(moto, home);
        });
  }

  @Test
  void remove_killedAfterEachAwsCall_isFinishedByTheNextRemove(MotoServer.Instance moto)
      throws Exception {
    forEachKill(
        moto,
        iotsys -> iotsys.addSensors(add("kitchen"), IotsysListener.NONE),
        iotsys -> iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE),
        (iotsys, home) -> {
          SensorResult next =
              iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE).sensors().get(0);
          assertFalse(next.outcome().isFailure(), next.toString());
          try (IotClient iot = MotoAws.iot(moto)) {
            assertTrue(iot.listThings().things().isEmpty());
            assertTrue(certificates(iot).isEmpty(), certificates(iot).toString());
          }
          assertFalse(Files.exists(home.resolve("certificates/kitchen")));
        });
  }

  private interface Check {
    void accept(Iotsys iotsys, Path home) throws Exception;
  }

  /** Prepares, then kills {@code run} after its 1st, 2nd, ... call, and checks the next run. */
  private void forEachKill(
      MotoServer.Instance moto, Consumer<Iotsys> prepare, Consumer<Iotsys> run, Check next)
      throws Exception {
    int calls = undisturbedCalls(moto, prepare, run);
    assertThat(calls).isGreaterThan(4);
    for (int n = 1; n <= calls; n++) {
      moto.reset();
      Path home = tmp.resolve("kill-" + n);
      install(moto, home);
      try (Iotsys iotsys = iotsys(moto, home)) {
        prepare.accept(iotsys);
      }
      try (Iotsys killed = iotsys(moto, home, new KillAfterCall(n))) {
        run.accept(killed);
      } catch (IllegalStateException killedBeforeAnyName) {
        assertThat(killedBeforeAnyName.getMessage()).startsWith("killed after");
      }
      try (Iotsys iotsys = iotsys(moto, home)) {
        next.accept(iotsys, home);
      } catch (AssertionError e) {
        throw new AssertionError("after a kill after call " + n + ": " + e.getMessage(), e);
      }
    }
  }

  /** How many IoT calls {@code run} makes when nothing stops it. */
  private int undisturbedCalls(
      MotoServer.Instance moto, Consumer<Iotsys> prepare, Consumer<Iotsys> run) throws Exception {
    moto.reset();
    Path home = tmp.resolve("count");
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home)) {
      prepare.accept(iotsys);
    }
    KillAfterCall never = new KillAfterCall(Integer.MAX_VALUE);
    try (Iotsys iotsys = iotsys(moto, home, never)) {
      run.accept(iotsys);
    }
    return never.calls.get();
  }

  private static void assertOneWorkingCertificate(MotoServer.Instance moto, Path home)
      throws Exception {
    try (IotClient iot = MotoAws.iot(moto)) {
      List<Certificate> all = certificates(iot);
      assertEquals(1, all.size(), all.toString());
      Certificate c = all.get(0);
      assertEquals("ACTIVE", c.statusAsString());
      assertEquals(
          List.of(c.certificateArn()),
          iot.listThingPrincipals(r -> r.thingName("kitchen")).principals());
      assertEquals(
          List.of(POLICY),
          iot.listAttachedPolicies(r -> r.target(c.certificateArn())).policies().stream()
              .map(p -> p.policyName())
              .toList());
      String pem =
          iot.describeCertificate(r -> r.certificateId(c.certificateId()))
              .certificateDescription()
              .certificatePem();
      X509Certificate x509 =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pem.getBytes()));
      RSAPrivateKey key =
          RSAPrivateKey.getInstance(
              Files.readAllBytes(home.resolve("certificates/kitchen/private-key.der")));
      assertEquals(((RSAPublicKey) x509.getPublicKey()).getModulus(), key.getModulus());
    }
  }

  /** Ends the run after its n-th IoT call has been done in AWS, as a kill would. */
  private static final class KillAfterCall implements ExecutionInterceptor {
    private final int n;
    final AtomicInteger calls = new AtomicInteger();

    KillAfterCall(int n) {
      this.n = n;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if ("iot".equalsIgnoreCase(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME))
          && calls.incrementAndGet() >= n) {
        throw new IllegalStateException(
            "killed after "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)
                + " (call "
                + n
                + ")");
      }
    }
  }
}
