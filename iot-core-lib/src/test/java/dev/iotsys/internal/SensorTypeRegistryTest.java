package dev.iotsys.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SensorTypeRegistryTest {

  private static SensorType type(String id) {
    return new SensorType() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String description() {
        return "test";
      }

      @Override
      public List<Measure> measures() {
        return List.of(new Measure("temperature", "°C"));
      }
    };
  }

  @Test
  void load_findsTypesRegisteredWithServiceLoader() {
    SensorTypeRegistry registry = SensorTypeRegistry.load(getClass().getClassLoader());
    assertEquals(List.of("testhumidity"), registry.all().stream().map(SensorType::id).toList());
  }

  @Test
  void of_whenTwoTypesShareAnId_fails() {
    IotsysException e =
        assertThrows(
            IotsysException.class,
            () -> SensorTypeRegistry.of(List.of(type("same_id"), type("same_id"))));
    assertEquals(ErrorKind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().contains("share the id 'same_id'"));
  }

  @Test
  void of_whenIdCannotNameARule_fails() {
    IotsysException e =
        assertThrows(
            IotsysException.class, () -> SensorTypeRegistry.of(List.of(type("has-hyphen"))));
    assertTrue(e.getMessage().contains("invalid id 'has-hyphen'"));
  }

  @Test
  void get_unknownId_listsTheKnownOnesSorted() {
    SensorTypeRegistry registry = SensorTypeRegistry.of(List.of(type("zeta"), type("alpha")));
    IotsysException e = assertThrows(IotsysException.class, () -> registry.get("weather"));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertEquals("Unknown sensor type 'weather'; known sensor types: alpha, zeta", e.getMessage());
    assertEquals(
        "Unknown sensor type 'zeat' (did you mean 'zeta'?); known sensor types: alpha," + " zeta",
        assertThrows(IotsysException.class, () -> registry.get("zeat")).getMessage());
  }

  @Test
  void defaultDeviceTopicLevel_isTheLevelOfThePlus() {
    assertEquals(2, type("zeta").deviceTopicLevel());
  }
}
