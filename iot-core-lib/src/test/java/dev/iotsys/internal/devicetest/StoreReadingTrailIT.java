package dev.iotsys.internal.devicetest;

import static dev.iotsys.testing.MotoQueryResults.page;
import static dev.iotsys.testing.MotoQueryResults.readingColumns;
import static dev.iotsys.testing.MotoQueryResults.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotsys.api.IotsysListener;
import dev.iotsys.internal.SensorReadings;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.storage.Since;
import dev.iotsys.internal.storage.TimestreamQueries;
import dev.iotsys.internal.storage.TimestreamStore;
import dev.iotsys.spi.SensorType;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoQueryResults;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.sensor.HumiditySensorType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The reading trail on moto: the store's answer to the readings query (moto runs no query, so the
 * answer is preloaded for the query {@code data} sends) and the rule's error log group (moto runs
 * no rules, so the test writes the error action's documented message into the group itself).
 */
@ExtendWith(MotoServer.class)
class StoreReadingTrailIT {
  private static final DateTimeFormatter TIMESTREAM =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);
  private final SensorType type = new HumiditySensorType();

  private MotoServer.Instance moto;
  private AwsClients clients;
  private StoreReadingTrail trail;

  @BeforeEach
  void install(MotoServer.Instance moto) {
    this.moto = moto;
    try (var iotsys = MotoAws.iotsys(moto).build()) {
      iotsys.install("home", false, IotsysListener.NONE);
    }
    try (IotClient iot = MotoAws.iot(moto)) {
      iot.createThing(r -> r.thingName("hall").thingTypeName(type.id()));
    }
    clients = new AwsClients(new AwsClients.Settings(MotoServer.REGION, null, moto.endpoint(),
        MotoAws.CREDENTIALS, List.of(), null, null, null, null, null, null));
    SensorTypeRegistry registry = SensorTypeRegistry.of(List.of(type));
    trail = new StoreReadingTrail(clients, new SensorReadings(clients,
        new TimestreamStore(clients::timestreamWrite, clients::timestreamQuery), registry));
  }

  @AfterEach
  void close() {
    clients.close();
  }

  @Test
  void newestReading_isTheNewestStoredAtOrAfterTheInstant() throws Exception {
    Instant stored = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String sql = TimestreamQueries.readings("home", type.id(), List.of("humidity", "temperature"),
        "hall", Since.parse(StoreReadingTrail.WINDOW), StoreReadingTrail.NEWEST);
    MotoQueryResults.preload(moto, sql, page(null, readingColumns(),
        row(TIMESTREAM.format(stored), "humidity", "41.0"),
        row(TIMESTREAM.format(stored.minusSeconds(300)), "humidity", "40.0")));
    MotoQueryResults.preload(moto, sql, page(null, readingColumns(),
        row(TIMESTREAM.format(stored), "humidity", "41.0")));

    assertEquals(Optional.of(stored), trail.newestReading(type, "hall", stored.minusSeconds(5)));
    assertEquals(Optional.empty(), trail.newestReading(type, "hall", stored.plusSeconds(1)));
  }

  @Test
  void ruleErrors_areThoseAboutTheTopicSinceTheInstant() {
    String group = "/iotsys/testhumidity/rule-errors";
    Instant from = Instant.now();
    try (CloudWatchLogsClient logs = MotoAws.logs(moto)) {
      logs.createLogStream(r -> r.logGroupName(group).logStreamName("s"));
      logs.putLogEvents(r -> r.logGroupName(group).logStreamName("s").logEvents(
          event(from.minusSeconds(60), "testhumidity/hall", "an older error"),
          event(from.plusSeconds(1), "testhumidity/attic", "another sensor's error"),
          event(from.plusSeconds(2), "testhumidity/hall", "the role may not write")));
    }

    assertEquals(List.of("TimestreamAction: the role may not write"),
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
    return InputLogEvent.builder().timestamp(at.toEpochMilli()).message("{\"ruleName\":"
        + " \"iotsys_testhumidity\", \"topic\": \"" + topic + "\", \"clientId\": \"hall\","
        + " \"failures\": [{\"failedAction\": \"TimestreamAction\", \"failedResource\":"
        + " \"home#testhumidity\", \"errorMessage\": \"" + error + "\"}]}").build();
  }
}
