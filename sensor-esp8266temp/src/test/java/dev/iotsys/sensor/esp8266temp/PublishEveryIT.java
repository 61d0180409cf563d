package dev.iotsys.sensor.esp8266temp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.FleetHealth;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.SensorHealth;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.api.StatusResult;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleWrites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code sensor add --publish-every N}: the board's config.json says how many readings it keeps
 * before it connects, the thing records it, and {@code status}, {@code sensor list} and the
 * dashboard's fleet health expect the sensor's readings every 5 minutes times N, so a board that
 * buffers is not taken for a late or silent one.
 */
@ExtendWith(MotoServer.class)
class PublishEveryIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "iotsys.home.esp8266temp";

  @TempDir Path home;

  private MotoServer.Instance moto;

  @BeforeEach
  void install(MotoServer.Instance moto) {
    this.moto = moto;
    try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
      iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
    }
  }

  private void add(String name, Map<String, String> settings) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
      var result =
          iotsys.addSensors(
              new AddSensorsRequest(
                  Esp8266TempSensorType.ID,
                  List.of(name),
                  "home-net",
                  "a secret pa$$word",
                  false,
                  false,
                  settings,
                  false),
              IotsysListener.NONE);
      assertThat(result.succeeded()).as(result.toString()).isTrue();
    }
  }

  private JsonNode config(String name) throws Exception {
    return JSON.readTree(
        Files.readString(home.resolve("sensor-esp8266temp/sensors/" + name + "/config.json")));
  }

  private String recorded(String name) {
    try (IotClient iot = MotoAws.iot(moto)) {
      return iot.describeThing(r -> r.thingName(name)).attributes().get("publishEvery");
    }
  }

  @Test
  void add_withPublishEvery_writesItIntoConfigAndOnTheThing_andAnotherAddKeepsIt()
      throws Exception {
    add("porch", Map.of("publish-every", "6"));

    assertThat(config("porch").get("publish_every").asInt()).isEqualTo(6);
    assertThat(recorded("porch")).isEqualTo("6");

    // An add that does not name it leaves the package and the record as they are.
    add("porch", Map.of());
    assertThat(config("porch").get("publish_every").asInt()).isEqualTo(6);
    assertThat(recorded("porch")).isEqualTo("6");

    add("porch", Map.of("publish-every", "1"));
    assertThat(config("porch").get("publish_every").asInt()).isEqualTo(1);
    assertThat(recorded("porch")).isEqualTo("1");
  }

  @Test
  void add_withoutPublishEvery_writesTheDefaultOfOne() throws Exception {
    add("kitchen", Map.of());

    assertThat(config("kitchen").get("publish_every").asInt()).isEqualTo(1);
    assertThat(recorded("kitchen")).isNull();
  }

  @Test
  void add_withPublishEveryOutOfRange_failsAsBadInputAndMakesNoThing() {
    for (String bad : List.of("0", "289", "six")) {
      assertThatThrownBy(() -> add("porch", Map.of("publish-every", bad)))
          .isInstanceOfSatisfying(
              IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
          .hasMessageContaining("--publish-every")
          .hasMessageContaining("1 to 288");
    }
    try (IotClient iot = MotoAws.iot(moto)) {
      assertThat(iot.listThings(r -> {}).things()).isEmpty();
    }
  }

  @Test
  void statusListAndFleetHealth_whenTheNewestReadingIsTenMinutesOld_callTheBufferingBoardOnTime()
      throws Exception {
    add("porch", Map.of("publish-every", "6"));
    add("kitchen", Map.of());
    Instant tenMinutesAgo = Instant.ofEpochMilli(System.currentTimeMillis() - 600_000);
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      for (String name : List.of("porch", "kitchen")) {
        RuleWrites.reading(
            dynamo, TABLE, name, tenMinutesAgo, Map.of("temperature", "21.5"), 365L * 86_400);
      }
    }

    try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
      List<SensorInfo> listed = iotsys.listSensors(Optional.empty());
      assertThat(listed)
          .extracting(SensorInfo::name, SensorInfo::publishEvery, SensorInfo::expectedInterval)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("kitchen", 1, Duration.ofMinutes(5)),
              org.assertj.core.groups.Tuple.tuple("porch", 6, Duration.ofMinutes(30)));

      StatusResult status = iotsys.status("home", IotsysListener.NONE);
      assertThat(status.sensors())
          .extracting(StatusResult.SensorStatus::name, StatusResult.SensorStatus::health)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("kitchen", SensorHealth.Health.LATE),
              org.assertj.core.groups.Tuple.tuple("porch", SensorHealth.Health.ON_TIME));

      FleetHealth fleet = iotsys.fleetHealth(IotsysListener.NONE);
      assertThat(fleet.sensors())
          .extracting(SensorHealth::name, SensorHealth::health, SensorHealth::expectedInterval)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple(
                  "kitchen", SensorHealth.Health.LATE, Duration.ofMinutes(5)),
              org.assertj.core.groups.Tuple.tuple(
                  "porch", SensorHealth.Health.ON_TIME, Duration.ofMinutes(30)));
    }
  }
}
