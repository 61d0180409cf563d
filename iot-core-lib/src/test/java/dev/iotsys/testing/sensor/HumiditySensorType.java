package dev.iotsys.testing.sensor;

import dev.iotsys.spi.Measure;
import dev.iotsys.spi.Retention;
import dev.iotsys.spi.SensorType;
import java.time.Duration;
import java.util.List;

/**
 * A test-only sensor type, registered through this module's test {@code META-INF/services}: it
 * proves that a type in a jar of its own is found and converged without any change to the core.
 */
public final class HumiditySensorType implements SensorType {
  @Override
  public String id() {
    return "testhumidity";
  }

  @Override
  public String description() {
    return "Test-only humidity and temperature sensor";
  }

  @Override
  public List<Measure> measures() {
    return List.of(
        new Measure("humidity", "%", "30", "60"), new Measure("temperature", "°C", "15", "25"));
  }

  @Override
  public Duration readingInterval() {
    return Duration.ofMinutes(5);
  }

  @Override
  public Retention retention() {
    return new Retention(12, 30);
  }
}
