package dev.iotsys.api;

import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.api.SensorHealth.Health;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleWrites;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The fleet at a glance and a sensor's window, against moto with readings written into the DynamoDB
 * store the way the type's rule writes them.
 */
@ExtendWith(MotoServer.class)
class FleetHealthIT {
  private static final String TABLE = "iotsys.home.testhumidity";

  /** The test type keeps readings 30 days: the rule sets each item's expiry that far ahead. */
  private static final long RETENTION = Duration.ofDays(30).toSeconds();

  @TempDir Path home;

  private MotoServer.Instance moto;
  private DynamoDbClient dynamo;
  private Instant now;

  @BeforeEach
  void setUp(MotoServer.Instance moto) {
    this.moto = moto;
    this.dynamo = MotoAws.dynamo(moto);
    this.now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
    }
  }

  private void reading(String device, Duration ago, String humidity, String temperature) {
    RuleWrites.reading(
        dynamo,
        TABLE,
        device,
        now.minus(ago),
        Map.of("humidity", humidity, "temperature", temperature),
        RETENTION);
  }

  private static Map<String, SensorHealth> byName(FleetHealth fleet) {
    return fleet.sensors().stream()
        .collect(Collectors.toMap(SensorHealth::name, Function.identity()));
  }

  private static Optional<BigDecimal> last(SensorHealth s, String measure) {
    return s.measures().stream()
        .filter(m -> m.measure().equals(measure))
        .findFirst()
        .orElseThrow()
        .last();
  }

  @Test
  void fleetHealth_showsEachSensorsHealthNewestValuesAndLastDay() {
    try (Iotsys iotsys = iotsys(moto, home)) {
      SensorsResult added =
          iotsys.addSensors(add("ontime", "late", "silent", "quiet", "never"), IotsysListener.NONE);
      // ontime: every 5 minutes for a day, newest 2 minutes ago, one spike 6 hours ago.
      for (int i = 0; i < 288; i++) {
        Duration ago = Duration.ofMinutes(2 + 5L * i);
        String humidity = i == 72 ? "99.5" : "4" + (i % 10) + ".25";
        reading("ontime", ago, humidity, "21." + (i % 10));
      }
      reading("late", Duration.ofMinutes(12), "50", "19.5");
      reading("silent", Duration.ofHours(3), "51", "18.25");
      reading("quiet", Duration.ofDays(3), "52.5", "-3.75");

      FleetHealth fleet = iotsys.fleetHealth(IotsysListener.NONE);

      assertThat(fleet.sensors())
          .extracting(SensorHealth::name)
          .containsExactly("late", "never", "ontime", "quiet", "silent");
      Map<String, SensorHealth> s = byName(fleet);
      assertThat(s.get("ontime").health()).isEqualTo(Health.ON_TIME);
      assertThat(s.get("late").health()).isEqualTo(Health.LATE);
      assertThat(s.get("silent").health()).isEqualTo(Health.SILENT);
      assertThat(s.get("quiet").health()).isEqualTo(Health.SILENT);
      assertThat(s.get("never").health()).isEqualTo(Health.NEVER_SEEN);

      assertThat(s.get("ontime").lastReading()).contains(now.minus(Duration.ofMinutes(2)));
      assertThat(last(s.get("ontime"), "humidity")).contains(new BigDecimal("40.25"));
      assertThat(last(s.get("ontime"), "temperature")).contains(new BigDecimal("21.0"));
      assertThat(s.get("quiet").lastReading()).contains(now.minus(Duration.ofDays(3)));
      assertThat(last(s.get("quiet"), "temperature")).contains(new BigDecimal("-3.75"));
      assertThat(s.get("never").lastReading()).isEmpty();
      assertThat(last(s.get("never"), "humidity")).isEmpty();

      SensorHealth.MeasureNow humidity = s.get("ontime").measures().get(0);
      assertThat(humidity.measure()).isEqualTo("humidity");
      assertThat(humidity.unit()).isEqualTo("%");
      assertThat(humidity.last24h())
          .hasSizeLessThanOrEqualTo(FleetHealth.SPARKLINE_POINTS)
          .hasSizeGreaterThan(FleetHealth.SPARKLINE_POINTS / 2)
          .extracting(r -> r.value().toPlainString())
          .contains("99.5");
      assertThat(s.get("quiet").measures().get(0).last24h()).isEmpty();

      assertThat(s.get("ontime").expectedInterval()).isEqualTo(Duration.ofMinutes(5));
      assertThat(s.get("ontime").certificates())
          .containsExactly(
              new SensorInfo.Certificate(
                  added.sensors().get(0).certificateId().orElseThrow(), "ACTIVE"));
      assertThat(fleet.asOf()).isAfterOrEqualTo(now);
      assertThat(fleet.apiCalls().write()).isZero();
      assertThat(fleet.notes()).isEmpty();
      // One Query each for ontime, late and silent, whose day holds their newest reading; two each
      // for quiet and never, whose day is empty and whose newest is looked for further back.
      assertThat(fleet.apiCalls().byOperation()).containsEntry("DynamoDb:Query", 3L + 2 * 2L);
    }
  }

  @Test
  void fleetRows_giveEachSensorsNewestValuesFirst_thenItsLastDay_readingIotOnce() {
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("ontime", "quiet", "never"), IotsysListener.NONE);
      for (int i = 0; i < 288; i++) {
        String humidity = i == 72 ? "99.5" : "4" + (i % 10) + ".25";
        reading("ontime", Duration.ofMinutes(2 + 5L * i), humidity, "21." + (i % 10));
      }
      reading("quiet", Duration.ofDays(3), "52.5", "-3.75");

      FleetRows steps = iotsys.fleetRows(IotsysListener.NONE);
      FleetHealth rows = steps.rows();

      Map<String, SensorHealth> first = byName(rows);
      assertThat(first.get("ontime").health()).isEqualTo(Health.ON_TIME);
      assertThat(first.get("ontime").lastReading()).contains(now.minus(Duration.ofMinutes(2)));
      assertThat(last(first.get("ontime"), "humidity")).contains(new BigDecimal("40.25"));
      assertThat(last(first.get("ontime"), "temperature")).contains(new BigDecimal("21.0"));
      assertThat(first.get("quiet").health()).isEqualTo(Health.SILENT);
      assertThat(last(first.get("quiet"), "temperature")).contains(new BigDecimal("-3.75"));
      assertThat(first.get("never").health()).isEqualTo(Health.NEVER_SEEN);
      assertThat(first.values())
          .allSatisfy(h -> assertThat(h.measures()).allMatch(m -> m.last24h().isEmpty()));
      // One Scan of the newest-reading table for the whole type; a Query only for the sensor it
      // holds nothing of.
      assertThat(rows.apiCalls().byOperation())
          .containsEntry("DynamoDb:Scan", 1L)
          .containsEntry("DynamoDb:Query", 1L);
      long iotReads = iotReads(rows);
      assertThat(iotReads).isPositive();

      FleetHealth day = steps.lastDay();

      Map<String, SensorHealth> second = byName(day);
      assertThat(second.get("ontime").measures().get(0).last24h())
          .hasSizeGreaterThan(FleetHealth.SPARKLINE_POINTS / 2)
          .extracting(r -> r.value().toPlainString())
          .contains("99.5");
      assertThat(last(second.get("ontime"), "humidity")).contains(new BigDecimal("40.25"));
      assertThat(second.get("quiet").health()).isEqualTo(Health.SILENT);
      assertThat(steps.lastDay()).as("read once").isSameAs(day);
      // A Query of each sensor's day; quiet's newest, older than a day, is the rows step's, and
      // never, which the newest-reading table lacks, is looked for once more.
      assertThat(day.apiCalls().byOperation()).containsEntry("DynamoDb:Query", 3L + 1L);
      // The second step reads the stores again, but not IoT.
      assertThat(iotReads(day)).isEqualTo(iotReads);
      assertThat(day.apiCalls().write()).isZero();
    }
  }

  @Test
  void fleetRows_forAReadingTheNewestTableLacks_readTheSensorsOwnNewest() {
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("kept", "before"), IotsysListener.NONE);
      reading("kept", Duration.ofMinutes(3), "44.5", "20.25");
      // As a reading stored before the table of newest readings existed: in the type's table only.
      dynamo.putItem(
          r ->
              r.tableName(TABLE)
                  .item(
                      Map.of(
                          "device", AttributeValue.fromS("before"),
                          "ts",
                              AttributeValue.fromN(
                                  Long.toString(now.minus(Duration.ofMinutes(4)).toEpochMilli())),
                          "humidity", AttributeValue.fromN("61"),
                          "temperature", AttributeValue.fromN("17.5"))));

      FleetHealth rows = iotsys.fleetRows(IotsysListener.NONE).rows();

      Map<String, SensorHealth> s = byName(rows);
      assertThat(last(s.get("kept"), "humidity")).contains(new BigDecimal("44.5"));
      assertThat(s.get("before").health()).isEqualTo(Health.ON_TIME);
      assertThat(last(s.get("before"), "temperature")).contains(new BigDecimal("17.5"));
      assertThat(rows.apiCalls().byOperation()).containsEntry("DynamoDb:Query", 1L);
    }
  }

  @Test
  void fleetRows_whenTheCallerMayNotScan_readEachSensorOnItsOwn_andSaySo() {
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("kept"), IotsysListener.NONE);
    }
    reading("kept", Duration.ofMinutes(3), "44.5", "20.25");
    // AWS refuses a Scan the caller's policy lacks (an IAM policy from before the companion);
    // moto grants everything, so the refusal is AWS's answer put in front of the real client.
    DynamoDbClient noScan =
        (DynamoDbClient)
            Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("scan")) {
                    throw DynamoDbException.builder()
                        .statusCode(400)
                        .awsErrorDetails(
                            AwsErrorDetails.builder()
                                .errorCode("AccessDeniedException")
                                .errorMessage(
                                    "User: arn:aws:iam::123456789012:user/viewer is not"
                                        + " authorized to perform: dynamodb:Scan")
                                .serviceName("DynamoDb")
                                .build())
                        .build();
                  }
                  try {
                    return method.invoke(dynamo, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });

    try (Iotsys iotsys =
        MotoAws.iotsys(moto).home(home).client(DynamoDbClient.class, noScan).build()) {
      FleetHealth rows = iotsys.fleetRows(IotsysListener.NONE).rows();

      // Read with its own Query (a client handed in is not counted by iotsys).
      assertThat(last(byName(rows).get("kept"), "humidity")).contains(new BigDecimal("44.5"));
      assertThat(rows.notes())
          .singleElement()
          .asString()
          .startsWith("newest readings read one sensor at a time: ")
          .contains("dynamodb:Scan");
    }
  }

  private static long iotReads(FleetHealth fleet) {
    return fleet.apiCalls().byOperation().entrySet().stream()
        .filter(e -> e.getKey().startsWith("Iot:"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  @Test
  void fleetHealth_readsIotInPages_soItsIotReadsDoNotGrowWithTheFleet() {
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("a1", "a2"), IotsysListener.NONE);
      long two = iotReads(iotsys.fleetHealth(IotsysListener.NONE));
      iotsys.addSensors(add("b1", "b2", "b3", "b4", "b5", "b6"), IotsysListener.NONE);
      FleetHealth eight = iotsys.fleetHealth(IotsysListener.NONE);

      assertThat(eight.sensors()).hasSize(8);
      assertThat(iotReads(eight)).isEqualTo(two).isLessThanOrEqualTo(4);
    }
  }

  @Test
  void fleetHealth_showsAlarmsInAlarm_andJudgesSilenceByTheSensorsOwnWindow() {
    try (Iotsys iotsys = iotsys(moto, home);
        CloudWatchClient cw = MotoAws.cloudWatch(moto)) {
      iotsys.addSensors(add("freezer", "porch"), IotsysListener.NONE);
      reading("freezer", Duration.ofMinutes(12), "30", "-18.5");
      reading("porch", Duration.ofMinutes(12), "60", "12");
      iotsys.enableAlerts(List.of("me@example.com"), false, IotsysListener.NONE);
      iotsys.setAlerts(
          new SetAlertsRequest(
              "freezer",
              Optional.of("temperature"),
              Optional.of("10m"),
              Optional.of(new BigDecimal("-15")),
              Optional.empty(),
              false,
              false,
              false),
          IotsysListener.NONE);
      cw.setAlarmState(
          r ->
              r.alarmName("iotsys/freezer/temperature-above")
                  .stateValue("ALARM")
                  .stateReason("warming up, by hand"));

      Map<String, SensorHealth> s = byName(iotsys.fleetHealth(IotsysListener.NONE));

      assertThat(s.get("freezer").alarmsInAlarm())
          .extracting(AlertsStatus.Alarm::name)
          .containsExactly("iotsys/freezer/temperature-above");
      assertThat(s.get("porch").alarmsInAlarm()).isEmpty();
      assertThat(s.get("freezer").silentAfter()).isEqualTo(Duration.ofMinutes(10));
      assertThat(s.get("freezer").health()).isEqualTo(Health.SILENT);
      assertThat(s.get("porch").health()).isEqualTo(Health.LATE);
    }
  }

  @Test
  void readingSeries_reducesEachMeasureToTheCap_keepsTheSpike_andCountsEveryValue() {
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("attic"), IotsysListener.NONE);
      // 700 readings over 28 days; one humidity spike; one reading after the window's end.
      Map<String, String> expectedByTime = new HashMap<>();
      for (int i = 0; i < 700; i++) {
        Duration ago = Duration.ofHours(1).plusMinutes(57L * i);
        String humidity = i == 333 ? "97.75" : "5" + (i % 7);
        reading("attic", ago, humidity, "20");
        expectedByTime.put(now.minus(ago).toString(), humidity);
      }
      reading("attic", Duration.ofMinutes(10), "1", "1");
      Instant from = now.minus(Duration.ofDays(29));
      Instant to = now.minus(Duration.ofMinutes(30));

      ReadingSeries series = iotsys.readingSeries("attic", Optional.empty(), from, to, 200);

      assertThat(series.typeId()).isEqualTo("testhumidity");
      assertThat(series.read()).isEqualTo(1400);
      assertThat(series.truncated()).isFalse();
      ReadingSeries.MeasureSeries humidity = series.measures().get(0);
      assertThat(humidity.unit()).isEqualTo("%");
      assertThat(humidity.reduced()).isTrue();
      assertThat(humidity.points()).hasSizeLessThanOrEqualTo(200).hasSizeGreaterThan(150);
      assertThat(humidity.points())
          .allSatisfy(
              p ->
                  assertEquals(expectedByTime.get(p.time().toString()), p.value().toPlainString()));
      assertThat(humidity.points()).extracting(r -> r.value().toPlainString()).contains("97.75");
      assertThat(humidity.stats().count()).isEqualTo(700);
      assertThat(humidity.stats().max()).isEqualByComparingTo("97.75");
      assertThat(humidity.stats().min()).isEqualByComparingTo("50");
      assertThat(series.newest())
          .extracting(Reading::time)
          .first()
          .isEqualTo(now.minus(Duration.ofHours(1)));
      assertThat(series.newest()).hasSize(2 * ReadingSeries.NEWEST);

      List<Reading> all = iotsys.readings("attic", Optional.empty(), from, to, 5000);
      assertThat(all).hasSize(1400);
      assertThat(all.get(0).time()).isEqualTo(now.minus(Duration.ofHours(1)));
    }
  }

  @Test
  void readingSeries_refusesAWindowThatEndsBeforeItStarts_orReachesBeyondTenYears() {
    try (Iotsys iotsys = iotsys(moto, home)) {
      Instant t = Instant.now();
      IotsysException backwards =
          assertThrows(
              IotsysException.class,
              () -> iotsys.readingSeries("attic", Optional.empty(), t, t.minusSeconds(60), 100));
      assertEquals(ErrorKind.INVALID_INPUT, backwards.kind());
      assertThat(backwards.getMessage()).contains("is not before its end");
      IotsysException ancient =
          assertThrows(
              IotsysException.class,
              () ->
                  iotsys.readingSeries(
                      "attic", Optional.empty(), t.minus(Duration.ofDays(3651)), t, 100));
      assertEquals(ErrorKind.INVALID_INPUT, ancient.kind());
      assertThat(iotsys.apiCalls().read()).isZero();
    }
  }
}
