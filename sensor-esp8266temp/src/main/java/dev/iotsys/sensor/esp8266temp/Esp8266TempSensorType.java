package dev.iotsys.sensor.esp8266temp;

import dev.iotsys.spi.DevicePackageReader;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.DeviceSetting;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ESP8266 running MicroPython with a DS18B20 (or DHT22) thermometer, publishing {@code
 * {"temperature": 21.5}} to {@code esp8266temp/<thing name>}. Everything else (24 h memory store,
 * 365 days magnetic store, the least-privilege device policy) is the SPI's default. Its device
 * package is the firmware bundled in this jar plus the device's key, certificate and settings.
 */
public final class Esp8266TempSensorType implements SensorType {
  /** The type's id: thing type, table and topic prefix. */
  public static final String ID = "esp8266temp";

  /** The config.json key of each device setting; the firmware checks the same ranges. */
  static final Map<String, String> SETTING_KEYS =
      Map.of("sensor", "sensor", "pin", "pin", "interval", "interval_s", "mode", "mode");

  private static final List<DeviceSetting> SETTINGS =
      List.of(
          DeviceSetting.oneOf(
              "sensor", "the thermometer chip (default: ds18b20)", List.of("ds18b20", "dht22")),
          new DeviceSetting(
              "pin",
              "N",
              "the GPIO the sensor's data line is on, 0 to 16 (default: 14,"
                  + " D5 on a Wemos D1 mini)",
              List.of(),
              text -> whole(text, 0, 16)),
          new DeviceSetting(
              "interval",
              "DURATION",
              "time between readings: seconds, or a number and"
                  + " s, m or h, 2 s to 24 h (default: 5m)",
              List.of(),
              Esp8266TempSensorType::seconds),
          DeviceSetting.oneOf(
              "mode",
              "deepsleep between readings (batteries; wire D0 to RST) or stay"
                  + " always_on (default: deepsleep)",
              List.of("deepsleep", "always_on")));

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "ESP8266 with a DS18B20 or DHT22 thermometer, running MicroPython";
  }

  @Override
  public List<Measure> measures() {
    return List.of(new Measure("temperature", "°C"));
  }

  @Override
  public List<DeviceSetting> deviceSettings() {
    return SETTINGS;
  }

  static int whole(String text, int min, int max) {
    if (text.matches("[0-9]{1,9}")) {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    }
    throw new IllegalArgumentException("use a whole number from " + min + " to " + max);
  }

  /** A reading interval in seconds: {@code 300}, {@code 300s}, {@code 5m}, {@code 1h}. */
  static int seconds(String text) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([0-9]{1,6})([smh]?)").matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      long s =
          switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
          };
      if (s >= 2 && s <= 86_400) {
        return (int) s;
      }
    }
    throw new IllegalArgumentException("use 2 s to 24 h, e.g. 300, 300s, 5m or 1h");
  }

  private volatile DevicePackageWriter writer;
  private volatile DevicePackageReader reader;

  @Override
  public Optional<DevicePackageWriter> devicePackageWriter() {
    // The bundled contract is read once: it cannot change while this jar is loaded.
    DevicePackageWriter w = writer;
    if (w == null) {
      w = new Esp8266TempPackageWriter(FirmwareContract.bundled());
      writer = w;
    }
    return Optional.of(w);
  }

  @Override
  public Optional<DevicePackageReader> devicePackageReader() {
    DevicePackageReader r = reader;
    if (r == null) {
      r = new Esp8266TempPackageReader(FirmwareContract.bundled());
      reader = r;
    }
    return Optional.of(r);
  }
}
