package {{package}};

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
 * {{description}}. Publishes {@code {{payloadExample}}} to {@code {{id}}/<thing name>}.
 *
 * <p>TODO: say what the sensor is and how it is wired.
 */
public final class {{Name}}SensorType implements SensorType {
  /** The type's id: thing type, table and topic prefix. */
  public static final String ID = "{{id}}";

  /** Where the build puts the firmware in the jar (see pom.xml). */
  static final String FIRMWARE = "/{{packagePath}}/firmware/";

  /** The config.json key of each device setting; the firmware's settings.py checks them. */
  static final Map<String, String> SETTING_KEYS =
      Map.of(
          "interval",
          "interval_s",
          "mode",
          "mode",
          DeviceSetting.PUBLISH_EVERY,
          "publish_every");

  private static final List<DeviceSetting> SETTINGS =
      List.of(
          BoardSettings.interval("5m"),
          BoardSettings.mode("{{deepSleepNote}}"),
          BoardSettings.publishEvery());

  private volatile FirmwareContract contract;

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "{{description}}";
  }

  /** The plausible range of each measure: what 'iotsys sensor test' and the demo send. */
  @Override
  public List<Measure> measures() {
    return List.of(
{{measureList}});
  }

  /** The firmware's default {@code interval_s}, from its contract. */
  @Override
  public Duration readingInterval() {
    return Duration.ofSeconds(((Number) contract().settings().get("interval_s")).longValue());
  }

  @Override
  public List<KeyAlgorithm> keyAlgorithms() {
    return List.of({{keyAlgorithms}});
  }

  @Override
  public List<DeviceSetting> deviceSettings() {
    return SETTINGS;
  }

  /** The bundled contract, read once: it cannot change while this jar is loaded. */
  FirmwareContract contract() {
    FirmwareContract c = contract;
    if (c == null) {
      c = FirmwareContract.bundled({{Name}}SensorType.class, FIRMWARE);
      contract = c;
    }
    return c;
  }

  @Override
  public Optional<DevicePackageWriter> devicePackageWriter() {
    return Optional.of(new {{Name}}PackageWriter(contract()));
  }

  @Override
  public Optional<DevicePackageReader> devicePackageReader() {
    return Optional.of(new {{Name}}PackageReader(contract()));
  }
}
