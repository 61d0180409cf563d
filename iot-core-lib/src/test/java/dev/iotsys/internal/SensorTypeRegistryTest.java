package dev.iotsys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.DeviceSetting;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SensorTypeRegistryTest {

  private static SensorType type(String id) {
    return type(id, Duration.ofMinutes(5), List.of(KeyAlgorithm.RSA_2048), List.of());
  }

  /** A type of one measure with the given interval, keys and settings; other tests use it too. */
  static SensorType type(
      String id, Duration interval, List<KeyAlgorithm> keys, List<DeviceSetting> settings) {
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
        return List.of(new Measure("temperature", "°C", "15", "25"));
      }

      @Override
      public Duration readingInterval() {
        return interval;
      }

      @Override
      public List<KeyAlgorithm> keyAlgorithms() {
        return keys;
      }

      @Override
      public List<DeviceSetting> deviceSettings() {
        return settings;
      }
    };
  }

  @Test
  void of_refusesATypeWhoseDeclarationsTheCoreCannotUse() {
    List<KeyAlgorithm> both = List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048);
    DeviceSetting ownKey = DeviceSetting.oneOf("key", "its own", List.of("a", "b"));
    assertThat(refusal(type("fast", Duration.ofMillis(500), both, List.of())))
        .endsWith("declares a reading interval under a second");
    assertThat(refusal(type("keyless", Duration.ofMinutes(5), List.of(), List.of())))
        .endsWith("declares no key algorithm, or one twice");
    assertThat(
            refusal(
                type(
                    "twice",
                    Duration.ofMinutes(5),
                    List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P256),
                    List.of())))
        .endsWith("declares no key algorithm, or one twice");
    assertThat(refusal(type("ownkey", Duration.ofMinutes(5), both, List.of(ownKey))))
        .contains("declares a device setting --key");
    // One algorithm: no --key is added, so a type may use the name for a setting of its own.
    SensorTypeRegistry.of(
        List.of(
            type(
                "onekey", Duration.ofMinutes(5), List.of(KeyAlgorithm.RSA_2048), List.of(ownKey))));
  }

  private static String refusal(SensorType type) {
    IotsysException e =
        assertThrows(IotsysException.class, () -> SensorTypeRegistry.of(List.of(type)));
    assertEquals(ErrorKind.CONFIGURATION, e.kind());
    return e.getMessage();
  }

  @Test
  void keySetting_isOfferedOnlyForATypeWithSeveralAlgorithms_defaultFirst() {
    SensorType both =
        type(
            "both",
            Duration.ofMinutes(5),
            List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048),
            List.of());
    DeviceSetting key = KeySetting.of(both).orElseThrow();
    assertEquals(List.of("ec", "rsa"), key.choices());
    assertEquals(KeyAlgorithm.EC_P256, KeySetting.algorithm(both, Map.of()));
    assertEquals(KeyAlgorithm.RSA_2048, KeySetting.algorithm(both, Map.of("key", "rsa")));
    assertEquals(Optional.empty(), KeySetting.of(type("rsaonly")));
    assertEquals(KeyAlgorithm.RSA_2048, KeySetting.algorithm(type("rsaonly"), Map.of("key", "ec")));
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
