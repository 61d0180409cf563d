package dev.iotsys.api;

import static dev.iotsys.internal.sensor.SensorFixtures.activeCertificates;
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

import dev.iotsys.testing.ForeignCertificates;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * Ownership is proven by a key in the home, never guessed from a name: another home's sensor is
 * refused and never deleted (unless taken over with {@code --new-certificate}), and a certificate
 * that only carries the sensor's name is never touched.
 */
@ExtendWith(MotoServer.class)
class SensorOwnershipIT {
  @TempDir Path tmp;

  @Test
  void add_ofASensorProvisionedFromAnotherHome_refusesNamingItsCertificate_andDeletesNothing(
      MotoServer.Instance moto) throws Exception {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    install(moto, first);
    try (Iotsys one = iotsys(moto, first);
        Iotsys two = iotsys(moto, second);
        IotClient iot = MotoAws.iot(moto)) {
      String id =
          one.addSensors(add("kitchen"), IotsysListener.NONE)
              .sensors()
              .get(0)
              .certificateId()
              .orElseThrow();

      SensorsResult refused = two.addSensors(add("kitchen"), IotsysListener.NONE);

      SensorResult kitchen = refused.sensors().get(0);
      assertEquals(Optional.of(ErrorKind.PRECONDITION), kitchen.errorKind(), kitchen.toString());
      assertThat(kitchen.error().orElseThrow())
          .contains("provisioned from another home", id.substring(0, 12), "--new-certificate");
      assertEquals(0, refused.apiCalls().write());
      assertThat(second).doesNotExist();
      assertEquals(List.of(id), certificates(iot).stream().map(c -> c.certificateId()).toList());
      assertEquals(1, activeCertificates(iot));

      SensorInfo seenFromSecond = two.listSensors(Optional.empty()).get(0);
      assertEquals(KeyState.ABSENT, seenFromSecond.keyState());
      assertFalse(seenFromSecond.healthy());
      assertTrue(one.listSensors(Optional.empty()).get(0).healthy());
    }
  }

  @Test
  void add_withNewCertificate_takesAnotherHomesSensorOver_withAKeyOfItsOwn(MotoServer.Instance moto)
      throws Exception {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    install(moto, first);
    try (Iotsys one = iotsys(moto, first);
        Iotsys two = iotsys(moto, second);
        IotClient iot = MotoAws.iot(moto)) {
      String old =
          one.addSensors(add("kitchen"), IotsysListener.NONE)
              .sensors()
              .get(0)
              .certificateId()
              .orElseThrow();

      SensorResult taken =
          two.addSensors(addWithNewCertificate("kitchen"), IotsysListener.NONE).sensors().get(0);

      assertEquals(SensorOutcome.UPDATED, taken.outcome(), taken.toString());
      String fresh = taken.certificateId().orElseThrow();
      assertEquals(List.of(fresh), certificates(iot).stream().map(c -> c.certificateId()).toList());
      assertThat(taken.actions()).contains("deleted certificate " + old.substring(0, 12));
      assertTrue(two.listSensors(Optional.empty()).get(0).healthy());
      assertEquals(KeyState.MISMATCHED, one.listSensors(Optional.empty()).get(0).keyState());

      // The first home now holds a key of nothing: it refuses, and leaves the second's alone.
      SensorsResult refused = one.addSensors(add("kitchen"), IotsysListener.NONE);
      assertEquals(Optional.of(ErrorKind.PRECONDITION), refused.sensors().get(0).errorKind());
      assertEquals(0, refused.apiCalls().write());
      assertEquals(1, activeCertificates(iot));
      assertTrue(Files.exists(first.resolve("certificates/kitchen/private-key.der")));
    }
  }

  @Test
  void aForeignCertificateWithTheSensorsName_survivesAddAndRemove_andRemoveWithoutAThing(
      MotoServer.Instance moto) {
    Path home = tmp.resolve("home");
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      String foreign = ForeignCertificates.inactiveWithPolicy(iot, "garage");

      SensorResult noThing =
          iotsys.removeSensors(remove("garage"), IotsysListener.NONE).sensors().get(0);
      assertEquals(SensorOutcome.ABSENT, noThing.outcome(), noThing.toString());
      assertTrue(ForeignCertificates.intact(iot, foreign));

      SensorResult added = iotsys.addSensors(add("garage"), IotsysListener.NONE).sensors().get(0);
      assertEquals(SensorOutcome.CREATED, added.outcome(), added.toString());
      assertTrue(ForeignCertificates.intact(iot, foreign));
      assertThat(added.actions()).noneMatch(a -> a.contains(foreign.substring(0, 12)));

      SensorResult removed =
          iotsys.removeSensors(remove("garage"), IotsysListener.NONE).sensors().get(0);
      assertEquals(SensorOutcome.REMOVED, removed.outcome(), removed.toString());
      assertTrue(ForeignCertificates.intact(iot, foreign));
      assertEquals(
          List.of(foreign), certificates(iot).stream().map(c -> c.certificateId()).toList());
    }
  }
}
