package dev.iotsys.api;

import static dev.iotsys.internal.sensor.SensorFixtures.POLICY;
import static dev.iotsys.internal.sensor.SensorFixtures.TYPE;
import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.callsSince;
import static dev.iotsys.internal.sensor.SensorFixtures.certificates;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static dev.iotsys.internal.sensor.SensorFixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.internal.sensor.SensorFixtures;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/** {@code sensor remove} against a real moto server. */
@ExtendWith(MotoServer.class)
class SensorRemoveIT {
  @TempDir Path home;

  @Test
  void remove_afterAdd_leavesNoThingCertificateOrLocalFile(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iotsys.addSensors(add("kitchen", "attic"), IotsysListener.NONE);

      SensorsResult result = iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE);

      SensorResult kitchen = result.sensors().get(0);
      assertEquals(SensorOutcome.REMOVED, kitchen.outcome(), kitchen.toString());
      assertThat(kitchen.actions())
          .contains(
              "found thing kitchen of type " + TYPE + " with 1 certificate",
              "deleted thing kitchen");
      assertEquals(
          List.of("attic"), iot.listThings().things().stream().map(t -> t.thingName()).toList());
      assertEquals(1, certificates(iot).size());
      assertFalse(Files.exists(home.resolve("certificates/kitchen")));
      assertTrue(Files.exists(home.resolve("certificates/attic")));
    }
  }

  @Test
  void remove_thingWithTwoCertificates_retiresEveryOne_notOnlyTheFirst(MotoServer.Instance moto)
      throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      var second = iot.createKeysAndCertificate(r -> r.setAsActive(true));
      iot.attachPolicy(r -> r.policyName(POLICY).target(second.certificateArn()));
      iot.attachThingPrincipal(r -> r.thingName("kitchen").principal(second.certificateArn()));

      SensorResult kitchen =
          iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE).sensors().get(0);

      assertEquals(SensorOutcome.REMOVED, kitchen.outcome(), kitchen.toString());
      assertThat(kitchen.actions())
          .contains("found thing kitchen of type " + TYPE + " with 2 certificates");
      assertTrue(certificates(iot).isEmpty());
      assertTrue(iot.listThings().things().isEmpty());
    }
  }

  @Test
  void remove_twice_secondSucceedsAndSaysNothingWasFound(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE);

      SensorsResult again = iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE);

      SensorResult kitchen = again.sensors().get(0);
      assertEquals(SensorOutcome.ABSENT, kitchen.outcome());
      assertEquals(List.of("found no thing kitchen", "nothing was removed"), kitchen.actions());
      assertTrue(again.succeeded());
      assertEquals(0, again.apiCalls().write());
    }
  }

  @Test
  void remove_halfRemovedSensor_finishesTheJobAndSaysWhatItFound(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      SensorFixtures.AddedCertificate added = SensorFixtures.addOne(iotsys, iot, "kitchen");
      String id = added.id();
      String arn = added.arn();
      // As a remove killed after the thing was deleted but before the certificate was.
      iot.updateCertificate(r -> r.certificateId(id).newStatus("INACTIVE"));
      iot.detachThingPrincipal(r -> r.thingName("kitchen").principal(arn));
      iot.deleteThing(r -> r.thingName("kitchen"));

      SensorResult kitchen =
          iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE).sensors().get(0);

      assertEquals(SensorOutcome.REMOVED, kitchen.outcome(), kitchen.toString());
      assertThat(kitchen.actions())
          .contains(
              "found no thing kitchen",
              "found 1 certificate of kitchen left by an interrupted run",
              "deleted certificate " + id.substring(0, 12),
              "deleted key folder certificates/kitchen");
      assertTrue(certificates(iot).isEmpty());
      assertFalse(Files.exists(home.resolve("certificates/kitchen")));
    }
  }

  @Test
  void remove_leavesAnotherNamesLeftoverAlone(MotoServer.Instance moto) throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      String csr = dev.iotsys.testing.ForeignCertificates.csr("kitchen2");
      iot.createCertificateFromCsr(r -> r.certificateSigningRequest(csr).setAsActive(false));

      iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE);

      assertEquals(1, certificates(iot).size());
    }
  }

  @Test
  void remove_withKeepFiles_keepsTheKeyFolder(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      SensorResult kitchen =
          iotsys
              .removeSensors(
                  new RemoveSensorsRequest(Optional.of(TYPE), List.of("kitchen"), true, false),
                  IotsysListener.NONE)
              .sensors()
              .get(0);
      assertEquals(SensorOutcome.REMOVED, kitchen.outcome());
      assertThat(kitchen.actions()).contains("kept key folder certificates/kitchen (--keep-files)");
      assertTrue(Files.exists(home.resolve("certificates/kitchen/private-key.der")));
      assertTrue(iot.listThings().things().isEmpty());
    }
  }

  @Test
  void dryRun_remove_plansAndMakesNoMutatingCallNorDeletesAFile(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      Map<String, Long> before = iotsys.apiCallsByOperation();

      SensorResult kitchen =
          iotsys
              .removeSensors(
                  new RemoveSensorsRequest(Optional.empty(), List.of("kitchen"), false, true),
                  IotsysListener.NONE)
              .sensors()
              .get(0);

      Map<String, Long> calls = callsSince(before, iotsys.apiCallsByOperation());
      assertEquals(SensorOutcome.WOULD_REMOVE, kitchen.outcome());
      assertThat(kitchen.actions())
          .contains("would delete thing kitchen", "would delete key folder certificates/kitchen");
      assertTrue(calls.keySet().stream().noneMatch(SensorFixtures::mutating), calls.toString());
      assertEquals(1, iot.listThings().things().size());
      assertTrue(Files.exists(home.resolve("certificates/kitchen")));
    }
  }

  @Test
  void remove_ofAThingIotsysDidNotMake_refusesAndLeavesItAlone(MotoServer.Instance moto) {
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iot.createThing(r -> r.thingName("foreign"));
      SensorsResult result =
          iotsys.removeSensors(remove("foreign", "nothing"), IotsysListener.NONE);
      assertEquals(SensorOutcome.FAILED, result.sensors().get(0).outcome());
      assertEquals(SensorOutcome.ABSENT, result.sensors().get(1).outcome());
      assertEquals(1, iot.listThings().things().size());
    }
  }

  @Test
  void remove_withATypeTheThingDoesNotHave_refusesAndRemovesNothing(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      // The core's tests have one type only: take the thing's type away instead.
      iot.updateThing(r -> r.thingName("kitchen").removeThingType(true));

      SensorsResult refused =
          iotsys.removeSensors(
              new RemoveSensorsRequest(Optional.of(TYPE), List.of("kitchen"), false, false),
              IotsysListener.NONE);

      assertEquals(SensorOutcome.FAILED, refused.sensors().get(0).outcome());
      assertThat(refused.sensors().get(0).error().orElseThrow()).contains("not " + TYPE);
      assertEquals(1, iot.listThings().things().size());
      assertEquals(1, certificates(iot).size());
      assertTrue(Files.exists(home.resolve("certificates/kitchen")));
    }
  }
}
