package dev.iotsys.api;

import static dev.iotsys.internal.sensor.SensorFixtures.TYPE;
import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** {@code sensor list} against a real moto server. */
@ExtendWith(MotoServer.class)
class SensorListIT {
  @TempDir Path home;

  @Test
  void list_showsOnlyIotsysThings_withCertificateStatusAndLocalKey(MotoServer.Instance moto)
      throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iot.createThing(r -> r.thingName("foreign").thingTypeName(TYPE));
      SensorsResult added = iotsys.addSensors(add("kitchen", "attic"), IotsysListener.NONE);
      Files.delete(home.resolve("certificates/attic/private-key.der"));
      Files.delete(home.resolve("certificates/attic/private-key.pem"));

      List<SensorInfo> sensors = iotsys.listSensors(Optional.empty());

      assertEquals(List.of("attic", "kitchen"), sensors.stream().map(SensorInfo::name).toList());
      SensorInfo kitchen = sensors.get(1);
      assertEquals(TYPE, kitchen.typeId());
      assertEquals(
          List.of(
              new SensorInfo.Certificate(
                  added.sensors().get(0).certificateId().orElseThrow(), "ACTIVE")),
          kitchen.certificates());
      assertTrue(kitchen.keyPresent());
      assertEquals(Optional.empty(), kitchen.packageFolder());
      assertFalse(sensors.get(0).keyPresent());

      assertEquals(KeyState.ABSENT, sensors.get(0).keyState());
      assertEquals(KeyState.PRESENT, kitchen.keyState());

      // A refused add writes nothing: no fresh key that would belong to no certificate.
      SensorResult refused = iotsys.addSensors(add("attic"), IotsysListener.NONE).sensors().get(0);
      assertEquals(Optional.of(ErrorKind.PRECONDITION), refused.errorKind());
      assertFalse(Files.exists(home.resolve("certificates/attic/private-key.der")));
      assertEquals(KeyState.ABSENT, iotsys.listSensors(Optional.empty()).get(0).keyState());
      assertEquals(
          List.of("attic", "kitchen"),
          iotsys.listSensors(Optional.of(TYPE)).stream().map(SensorInfo::name).toList());
    }
  }

  @Test
  void list_ofUnknownType_isInvalidInput(MotoServer.Instance moto) {
    try (Iotsys iotsys = iotsys(moto, home)) {
      IotsysException e =
          assertThrows(IotsysException.class, () -> iotsys.listSensors(Optional.of("nosuch")));
      assertEquals(ErrorKind.INVALID_INPUT, e.kind());
      assertThat(e.getMessage()).contains("Unknown sensor type 'nosuch'");
    }
  }
}
