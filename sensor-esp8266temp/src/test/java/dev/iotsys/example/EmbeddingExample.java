package dev.iotsys.example;

import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.SensorsResult;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's "Use it from Java" example, compiled and run against moto by {@link
 * EmbeddingExampleIT}. It uses the api package only: what an embedding tool would write.
 */
public final class EmbeddingExample {
  private EmbeddingExample() {}

  /**
   * Installs iotsys into an account and adds one sensor.
   *
   * @param settings region, credentials, clients and home folder of the embedding tool
   * @param wifiPassword the Wi-Fi password written into the device package
   * @return the folder of the sensor's device package, ready to copy onto the board
   */
  public static Path installAndAddSensor(Iotsys.Builder settings, String wifiPassword) {
    // README:begin
    try (Iotsys iotsys = settings.build()) {
      InstallResult install =
          iotsys.install(
              "home",
              false,
              event -> {
                if (event instanceof IotsysEvent.Converged c) {
                  System.out.println(c.result().outcome() + " " + c.result().name());
                }
              });
      System.out.println("AWS calls: " + install.apiCalls());

      SensorsResult added =
          iotsys.addSensors(
              new AddSensorsRequest(
                  "esp8266temp", List.of("kitchen"), "my-wifi", wifiPassword, false, false),
              event -> {});
      SensorResult kitchen = added.sensors().get(0);
      if (!added.succeeded()) {
        throw new IllegalStateException(kitchen.error().orElse("failed"));
      }
      return kitchen.packageFolder().orElseThrow();
    }
    // README:end
  }
}
