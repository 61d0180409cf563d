package dev.iotsys.sensor.esp8266temp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.AlertsResult;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.SensorsResult;
import dev.iotsys.api.SetAlertsRequest;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alerts set} keeps the sensor's device package in step: the board publishes at once when a
 * reading crosses a threshold, so the thresholds go into its config.json as {@code {measure:
 * {above, below}}}, and the user is told which package to flash again.
 */
@ExtendWith(MotoServer.class)
class AlertThresholdsIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private MotoServer.Instance moto;
  private Path pkg;

  @BeforeEach
  void installAlertsAndKitchen(MotoServer.Instance moto) {
    this.moto = moto;
    pkg = home.resolve("sensor-esp8266temp/sensors/kitchen");
    try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
      iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
      iotsys.enableAlerts(List.of("me@example.com"), false, IotsysListener.NONE);
      add(iotsys);
    }
  }

  private static SensorsResult add(Iotsys iotsys) {
    SensorsResult added =
        iotsys.addSensors(
            new AddSensorsRequest(
                Esp8266TempSensorType.ID,
                List.of("kitchen"),
                "home-net",
                "a secret pa$$word",
                false,
                false),
            IotsysListener.NONE);
    assertThat(added.succeeded()).as(added.toString()).isTrue();
    return added;
  }

  private AlertsResult set(
      Optional<String> above, Optional<String> below, boolean clear, List<IotsysEvent> events) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
      return iotsys.setAlerts(
          new SetAlertsRequest(
              "kitchen",
              Optional.of("temperature"),
              Optional.empty(),
              above.map(BigDecimal::new),
              below.map(BigDecimal::new),
              clear,
              false,
              false),
          events::add);
    }
  }

  private JsonNode thresholds() throws Exception {
    return JSON.readTree(Files.readString(pkg.resolve("config.json"))).get("thresholds");
  }

  @Test
  void set_withAboveAndBelow_writesThemIntoThePackageAndSaysToFlashIt() throws Exception {
    List<IotsysEvent> events = new ArrayList<>();
    AlertsResult result = set(Optional.of("30.5"), Optional.of("5"), false, events);

    assertThat(result.packagesRewritten()).containsExactly(pkg);
    assertThat(thresholds())
        .isEqualTo(JSON.readTree("{\"temperature\": {\"above\": 30.5, \"below\": 5}}"));
    assertThat(events)
        .filteredOn(e -> e instanceof IotsysEvent.Note)
        .extracting(e -> ((IotsysEvent.Note) e).message())
        .anyMatch(m -> m.contains(pkg.toString()) && m.contains("flash kitchen again"));
    // The rest of config.json is as sensor add wrote it.
    JsonNode config = JSON.readTree(Files.readString(pkg.resolve("config.json")));
    assertThat(config.get("thing_name").asText()).isEqualTo("kitchen");
    assertThat(config.get("publish_every").asInt()).isEqualTo(1);
  }

  @Test
  void set_theSameThresholdsAgain_rewritesNothing() throws Exception {
    set(Optional.of("30"), Optional.empty(), false, new ArrayList<>());
    byte[] before = Files.readAllBytes(pkg.resolve("config.json"));

    AlertsResult again = set(Optional.of("30"), Optional.empty(), false, new ArrayList<>());

    assertThat(again.packagesRewritten()).isEmpty();
    assertThat(Files.readAllBytes(pkg.resolve("config.json"))).isEqualTo(before);
  }

  @Test
  void sensorAdd_afterThresholdsWereSet_keepsThemAndTakesTheFileAsItsOwn() throws Exception {
    set(Optional.of("30"), Optional.of("4.5"), false, new ArrayList<>());

    SensorsResult again;
    try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
      again = add(iotsys);
    }

    assertThat(thresholds())
        .isEqualTo(JSON.readTree("{\"temperature\": {\"above\": 30, \"below\": 4.5}}"));
    // Not taken for a hand edit: iotsys's record of what it wrote followed the thresholds.
    assertThat(again.sensors().get(0).actions()).noneMatch(a -> a.contains("edited by hand"));
  }

  @Test
  void set_clear_writesNoThresholds() throws Exception {
    set(Optional.of("30"), Optional.empty(), false, new ArrayList<>());

    AlertsResult cleared = set(Optional.empty(), Optional.empty(), true, new ArrayList<>());

    assertThat(cleared.packagesRewritten()).containsExactly(pkg);
    assertThat(thresholds()).isEqualTo(JSON.readTree("{}"));
  }
}
