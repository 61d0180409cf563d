package dev.iotsys.cli;

import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.util.List;

/**
 * A test-only second sensor type with three measures, which the dashboard's tests load beside the
 * ESP8266 module through a class loader of their own ({@link DashboardBrowserIT#withClimateType}),
 * so the other tests of this module still see one type.
 */
public final class ClimateSensorType implements SensorType {
  @Override
  public String id() {
    return "testclimate";
  }

  @Override
  public String description() {
    return "Test-only climate sensor: temperature, humidity and pressure";
  }

  @Override
  public List<Measure> measures() {
    return List.of(
        new Measure("temperature", "°C"),
        new Measure("humidity", "%"),
        new Measure("pressure", "hPa"));
  }
}
