package dev.iotsys.sensor.esp8266temp;

import dev.iotsys.spi.DevicePackageReader;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.util.List;
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
