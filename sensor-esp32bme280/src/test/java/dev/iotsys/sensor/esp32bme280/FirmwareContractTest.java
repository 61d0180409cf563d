package dev.iotsys.sensor.esp32bme280;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotsys.sensor.micropython.ContractConformance;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ESP32 firmware's contract and this type agree (see {@link ContractConformance}). */
class FirmwareContractTest extends ContractConformance {
  private static final Esp32Bme280SensorType TYPE = new Esp32Bme280SensorType();

  private final Esp32Bme280SensorType type = TYPE;

  FirmwareContractTest() {
    super(TYPE, TYPE.contract(), Esp32Bme280SensorType.FIRMWARE);
  }

  /** DEVICE-CONTRACT.md, "Layout": the names the firmware opens. */
  @Test
  void packageFiles_areTheOnesTheDeviceContractNames() {
    assertEquals(
        Map.of(
            "certificate",
            "cert.pem",
            "key",
            "key.pem",
            "trust",
            "ca.pem",
            "config",
            "config.json"),
        type.contract().packageFiles());
  }

  /** Every device setting the type offers lands on a setting the firmware reads. */
  @Test
  void everyDeviceSetting_namesASettingOfTheContract() {
    for (String key : Esp32Bme280SensorType.SETTING_KEYS.values()) {
      org.junit.jupiter.api.Assertions.assertTrue(type.contract().settings().containsKey(key), key);
    }
    assertEquals(
        type.deviceSettings().stream().map(d -> d.name()).sorted().toList(),
        Esp32Bme280SensorType.SETTING_KEYS.keySet().stream().sorted().toList());
  }
}
