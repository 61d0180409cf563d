package dev.iotsys.internal.devicetest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotsys.api.IotsysListener;
import dev.iotsys.internal.SensorReadings;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.internal.StoreRegistry;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.spi.SensorType;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleWrites;
import dev.iotsys.testing.sensor.HumiditySensorType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The reading trail on moto: the readings of the type's store, here DynamoDB (moto runs no rules,
 * so the test writes the items the rule would), and the rule's error log group (the test writes the
 * error action's documented message into the group itself).
 */
@ExtendWith(MotoServer.class)
class StoreReadingTrailIT {
  private final SensorType type = new HumiditySensorType();

  private MotoServer.Instance moto;
  private AwsClients clients;
  private StoreReadingTrail trail;

  @BeforeEach
  void install(MotoServer.Instance moto) {
    this.moto = moto;
    try (var iotsys = MotoAws.iotsys(moto).build()) {
      iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
    }
    try (IotClient iot = MotoAws.iot(moto)) {
      iot.createThing(r -> r.thingName("hall").thingTypeName(type.id()));
    }
    clients =
        new AwsClients(
            new AwsClients.Settings(
                MotoServer.REGION,
                null,
                moto.endpoint(),
                MotoAws.CREDENTIALS,
                List.of(),
                Map.of()));
    SensorTypeRegistry registry = SensorTypeRegistry.of(List.of(type));
    trail =
        new StoreReadingTrail(
            clients,
            new SensorReadings(clients, StoreRegistry.load(getClass().getClassLoader()), registry));
  }

  @AfterEach
  void close() {
    clients.close();
  }

  @Test
  void newestReading_isTheNewestStoredAtOrAfterTheInstant() throws Exception {
    Instant stored = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    try (var dynamo = MotoAws.dynamo(moto)) {
      RuleWrites.reading(
          dynamo,
          "iotsys.home.testhumidity",
          "hall",
          stored,
          Map.of("humidity", "41.0", "temperature", "20.0"),
          30L * 86_400);
      RuleWrites.reading(
          dynamo,
          "iotsys.home.testhumidity",
          "hall",
          stored.minusSeconds(300),
          Map.of("humidity", "40.0", "temperature", "20.0"),
          30L * 86_400);
    }

    assertEquals(Optional.of(stored), trail.newestReading(type, "hall", stored.minusSeconds(5)));
    assertEquals(Optional.empty(), trail.newestReading(type, "hall", stored.plusSeconds(1)));
  }

  @Test
  void ruleErrors_areThoseAboutTheTopicSinceTheInstant() {
    String group = "/iotsys/testhumidity/rule-errors";
    Instant from = Instant.now();
    try (CloudWatchLogsClient logs = MotoAws.logs(moto)) {
      logs.createLogStream(r -> r.logGroupName(group).logStreamName("s"));
      logs.putLogEvents(
          r ->
              r.logGroupName(group)
                  .logStreamName("s")
                  .logEvents(
                      event(from.minusSeconds(60), "testhumidity/hall", "an older error"),
                      event(from.plusSeconds(1), "testhumidity/attic", "another sensor's error"),
                      event(from.plusSeconds(2), "testhumidity/hall", "the role may not write")));
    }

    assertEquals(
        List.of("TimestreamAction: the role may not write"),
        trail.ruleErrors(type, "testhumidity/hall", from));
  }

  @Test
  void ruleErrors_whenTheLogGroupIsGone_areNone() {
    try (CloudWatchLogsClient logs = MotoAws.logs(moto)) {
      logs.deleteLogGroup(r -> r.logGroupName("/iotsys/testhumidity/rule-errors"));
    }

    assertEquals(List.of(), trail.ruleErrors(type, "testhumidity/hall", Instant.now()));
  }

  private static InputLogEvent event(Instant at, String topic, String error) {
    return InputLogEvent.builder()
        .timestamp(at.toEpochMilli())
        .message(
            "{\"ruleName\":"
                + " \"iotsys_testhumidity\", \"topic\": \""
                + topic
                + "\", \"clientId\": \"hall\","
                + " \"failures\": [{\"failedAction\": \"TimestreamAction\", \"failedResource\":"
                + " \"home#testhumidity\", \"errorMessage\": \""
                + error
                + "\"}]}")
        .build();
  }
}
