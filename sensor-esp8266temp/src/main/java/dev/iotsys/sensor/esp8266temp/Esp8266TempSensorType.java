package dev.iotsys.sensor.esp8266temp;

import dev.iotsys.sensor.micropython.BoardSettings;
import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.spi.DevicePackageReader;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.DeviceSetting;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ESP8266 running MicroPython with a DS18B20 (or DHT22) thermometer, publishing {@code
 * {"temperature": 21.5}} to {@code esp8266temp/<thing name>} over TLS 1.2 with an RSA 2048 key (its
 * axTLS reads no other and checks no server). Everything else (24 h memory store, 365 days magnetic
 * store, the least-privilege device policy) is the SPI's default. Its device package is the
 * firmware bundled in this jar plus the device's key, certificate and settings.
 */
public final class Esp8266TempSensorType implements SensorType {
  /** The type's id: thing type, table and topic prefix. */
  public static final String ID = "esp8266temp";

  /** The config.json key of each device setting; the firmware checks the same ranges. */
  static final Map<String, String> SETTING_KEYS =
      Map.of(
          "sensor",
          "sensor",
          "pin",
          "pin",
          "interval",
          "interval_s",
          "mode",
          "mode",
          DeviceSetting.PUBLISH_EVERY,
          "publish_every");

  private static final List<DeviceSetting> SETTINGS =
      List.of(
          DeviceSetting.oneOf(
              "sensor", "the thermometer chip (default: ds18b20)", List.of("ds18b20", "dht22")),
          BoardSettings.whole(
              "pin",
              "N",
              "the GPIO the sensor's data line is on, 0 to 16 (default: 14,"
                  + " D5 on a Wemos D1 mini)",
              0,
              16),
          BoardSettings.interval("5m"),
          BoardSettings.mode("batteries; wire D0 to RST"),
          BoardSettings.publishEvery());

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "ESP8266 with a DS18B20 or DHT22 thermometer, running MicroPython";
  }

  /** A room's temperature: what sensor test and the demo send. */
  @Override
  public List<Measure> measures() {
    return List.of(new Measure("temperature", "°C", "15", "25"));
  }

  /** The firmware's default {@code interval_s}, from its contract. */
  @Override
  public Duration readingInterval() {
    return Duration.ofSeconds(((Number) contract().settings().get("interval_s")).longValue());
  }

  @Override
  public List<DeviceSetting> deviceSettings() {
    return SETTINGS;
  }

  /** Where the build puts the firmware in the jar. */
  static final String FIRMWARE = "/dev/iotsys/sensor/esp8266temp/firmware/";

  private volatile FirmwareContract contract;

  /** The bundled contract, read once: it cannot change while this jar is loaded. */
  FirmwareContract contract() {
    FirmwareContract c = contract;
    if (c == null) {
      c = FirmwareContract.bundled(Esp8266TempSensorType.class, FIRMWARE);
      contract = c;
    }
    return c;
  }

  @Override
  public Optional<DevicePackageWriter> devicePackageWriter() {
    return Optional.of(new Esp8266TempPackageWriter(contract()));
  }

  @Override
  public Optional<DevicePackageReader> devicePackageReader() {
    return Optional.of(new Esp8266TempPackageReader(contract()));
  }
}
