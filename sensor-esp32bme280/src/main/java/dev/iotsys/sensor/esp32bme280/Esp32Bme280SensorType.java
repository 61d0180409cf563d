package dev.iotsys.sensor.esp32bme280;

import dev.iotsys.sensor.micropython.BoardSettings;
import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.spi.DevicePackageReader;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.DeviceSetting;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ESP32 running MicroPython 1.23 or later with a Bosch BME280 on I2C, publishing {@code
 * {"temperature": 21.5, "humidity": 45.25, "pressure": 1013.25}} to {@code esp32bme280/<thing
 * name>}. Its mbedTLS checks AWS IoT's certificate against the Amazon root CAs its package carries
 * (and the endpoint's name, once NTP has set its clock), and it takes an EC P-256 key, or RSA 2048
 * when the user asks ({@code --key rsa}). Everything else is the SPI's default.
 */
public final class Esp32Bme280SensorType implements SensorType {
  /** The type's id: thing type, table and topic prefix. */
  public static final String ID = "esp32bme280";

  /** Where the build puts the firmware in the jar. */
  static final String FIRMWARE = "/dev/iotsys/sensor/esp32bme280/firmware/";

  /** The config.json key of each device setting; the firmware checks the same ranges. */
  static final Map<String, String> SETTING_KEYS =
      Map.of(
          "i2c-sda",
          "i2c_sda",
          "i2c-scl",
          "i2c_scl",
          "i2c-address",
          "i2c_address",
          "interval",
          "interval_s",
          "mode",
          "mode",
          "ntp-host",
          "ntp_host",
          DeviceSetting.PUBLISH_EVERY,
          "publish_every");

  private static final List<DeviceSetting> SETTINGS =
      List.of(
          BoardSettings.whole(
              "i2c-sda",
              "N",
              "the GPIO of the BME280's SDA line, 0 to 33 (default: 21, as most DevKits wire it)",
              0,
              33),
          BoardSettings.whole(
              "i2c-scl", "N", "the GPIO of the BME280's SCL line, 0 to 33 (default: 22)", 0, 33),
          new DeviceSetting(
              "i2c-address",
              "0x76|0x77",
              "the BME280's I2C address: 0x76 with SDO to ground, 0x77 with SDO to VCC"
                  + " (default: 0x76)",
              List.of("0x76", "0x77"),
              Esp32Bme280SensorType::address),
          BoardSettings.interval("5m"),
          BoardSettings.mode("the RTC keeps the failure count; no wiring needed"),
          BoardSettings.publishEvery(),
          new DeviceSetting(
              "ntp-host",
              "HOST",
              "the NTP server that sets the clock before the TLS handshake, which checks the"
                  + " certificates' dates (default: pool.ntp.org)",
              List.of(),
              Esp32Bme280SensorType::host));

  private volatile FirmwareContract contract;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "ESP32 with a BME280 (temperature, humidity, pressure) on I2C, running MicroPython;"
        + " checks AWS IoT's certificate";
  }

  /** Indoors or out in a temperate climate, near sea level: what sensor test and the demo send. */
  @Override
  public List<Measure> measures() {
    return List.of(
        new Measure("temperature", "°C", "15", "25"),
        new Measure("humidity", "%", "30", "60"),
        new Measure("pressure", "hPa", "980", "1040"));
  }

  /** The firmware's default {@code interval_s}, from its contract. */
  @Override
  public Duration readingInterval() {
    return Duration.ofSeconds(((Number) contract().settings().get("interval_s")).longValue());
  }

  /** mbedTLS takes both: EC P-256 first (a smaller key, a faster handshake on the ESP32). */
  @Override
  public List<KeyAlgorithm> keyAlgorithms() {
    return List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048);
  }

  @Override
  public List<DeviceSetting> deviceSettings() {
    return SETTINGS;
  }

  /** The bundled contract, read once: it cannot change while this jar is loaded. */
  FirmwareContract contract() {
    FirmwareContract c = contract;
    if (c == null) {
      c = FirmwareContract.bundled(Esp32Bme280SensorType.class, FIRMWARE);
      contract = c;
    }
    return c;
  }

  @Override
  public Optional<DevicePackageWriter> devicePackageWriter() {
    return Optional.of(new Esp32Bme280PackageWriter(contract()));
  }

  @Override
  public Optional<DevicePackageReader> devicePackageReader() {
    return Optional.of(new Esp32Bme280PackageReader(contract()));
  }

  /** {@code 0x76} or {@code 0x77}, kept as the number the firmware's I2C calls take. */
  static int address(String text) {
    return switch (text) {
      case "0x76" -> 0x76;
      case "0x77" -> 0x77;
      default -> throw new IllegalArgumentException("use 0x76 or 0x77");
    };
  }

  /** A host name or address for NTP. */
  static String host(String text) {
    if (text.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")) {
      return text;
    }
    throw new IllegalArgumentException("use a host name, e.g. pool.ntp.org or 192.168.1.1");
  }
}
