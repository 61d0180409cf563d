package dev.iotsys.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingStats;
import dev.iotsys.spi.MeasureStats;
import dev.iotsys.spi.StoredReading;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleWrites;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * StoredReading back from a real DynamoDB table in moto (which, unlike Timestream's, really answers
 * queries): items are written the way the topic rule would write them ({@link RuleWrites}).
 */
@ExtendWith(MotoServer.class)
class DynamoDbReadingsIT {
  private static final String TABLE = "iotsys.home.testhumidity";
  private static final long RETENTION = 30L * 86_400;
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final List<String> MEASURES = List.of("humidity", "temperature");

  private DynamoDbClient dynamo;

  @BeforeEach
  void install(MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
    }
    dynamo = MotoAws.dynamo(moto);
  }

  private DynamoDbReadings reader(Integer pageSize) {
    return new DynamoDbReadings(
        dynamo, TABLE, MEASURES, Clock.fixed(NOW, ZoneOffset.UTC), pageSize);
  }

  private void write(String device, Instant time, String humidity, String temperature) {
    RuleWrites.reading(
        dynamo,
        TABLE,
        device,
        time,
        Map.of("humidity", humidity, "temperature", temperature),
        RETENTION);
  }

  @Test
  void readings_acrossSeveralPages_returnExactlyTheWindowNewestFirst() {
    // 20 readings 5 minutes apart, the newest 1 minute ago; the window of 1 h holds 12 of them.
    for (int i = 0; i < 20; i++) {
      write("kitchen", NOW.minus(Duration.ofMinutes(1 + 5L * i)), "40." + i, "20." + i);
    }
    List<StoredReading> got = reader(3).readings("kitchen", Duration.ofHours(1), 1000);

    assertThat(got).hasSize(24);
    assertThat(got.get(0))
        .isEqualTo(
            new StoredReading(
                NOW.minus(Duration.ofMinutes(1)), "humidity", new BigDecimal("40.0")));
    assertThat(got.get(1))
        .isEqualTo(
            new StoredReading(
                NOW.minus(Duration.ofMinutes(1)), "temperature", new BigDecimal("20.0")));
    assertThat(got).extracting(StoredReading::time).isSortedAccordingTo(Comparator.reverseOrder());
    assertThat(got.get(23).time()).isEqualTo(NOW.minus(Duration.ofMinutes(56)));
  }

  @Test
  void readings_atTheWindowsEdges_excludeTheStartAndIncludeAMillisecondAfterIt() {
    Duration window = Duration.ofHours(24);
    Instant start = NOW.minus(window);
    write("kitchen", start, "1", "1");
    write("kitchen", start.plusMillis(1), "2", "2");
    write("kitchen", NOW, "3", "3");

    List<StoredReading> got = reader(2).readings("kitchen", window, 100);
    assertThat(got)
        .extracting(StoredReading::time)
        .containsExactly(NOW, NOW, start.plusMillis(1), start.plusMillis(1));
  }

  @Test
  void readings_leaveOutExpiredItemsAndOtherDevices() {
    write("kitchen", NOW.minus(Duration.ofMinutes(10)), "50", "21.5");
    write("garage", NOW.minus(Duration.ofMinutes(9)), "60", "5.0");
    // DynamoDB deletes expired items up to two days late: until then a query returns them.
    RuleWrites.expiring(
        dynamo,
        TABLE,
        "kitchen",
        NOW.minus(Duration.ofMinutes(8)),
        Map.of("humidity", "70", "temperature", "99"),
        NOW.getEpochSecond() - 1);
    RuleWrites.expiring(
        dynamo,
        TABLE,
        "kitchen",
        NOW.minus(Duration.ofMinutes(7)),
        Map.of("humidity", "71", "temperature", "98"),
        NOW.getEpochSecond());

    List<StoredReading> got = reader(1).readings("kitchen", Duration.ofHours(1), 100);
    assertThat(got)
        .containsExactly(
            new StoredReading(NOW.minus(Duration.ofMinutes(10)), "humidity", new BigDecimal("50")),
            new StoredReading(
                NOW.minus(Duration.ofMinutes(10)), "temperature", new BigDecimal("21.5")));
  }

  @Test
  void readings_stopAtTheLimit_countingEachMeasure() {
    for (int i = 0; i < 10; i++) {
      write("kitchen", NOW.minus(Duration.ofMinutes(i + 1)), "1", "2");
    }
    assertThat(reader(4).readings("kitchen", Duration.ofHours(1), 5))
        .hasSize(5)
        .extracting(StoredReading::measure)
        .containsExactly("humidity", "temperature", "humidity", "temperature", "humidity");
  }

  @Test
  void readings_keepEveryDigitOfANumber() {
    write("kitchen", NOW.minus(Duration.ofMinutes(1)), "33.333333333333333333", "-0.000001");
    assertThat(reader(10).readings("kitchen", Duration.ofHours(1), 10))
        .extracting(r -> r.value().toPlainString())
        .containsExactly("33.333333333333333333", "-0.000001");
  }

  @Test
  void stats_overManyPages_matchABruteForceComputation() {
    Random random = new Random(20261201);
    List<Instant> times = new ArrayList<>();
    List<BigDecimal> temperatures = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      Instant time = NOW.minus(Duration.ofMinutes(random.nextInt(60 * 48)));
      BigDecimal t = BigDecimal.valueOf(random.nextInt(6000) - 2000, 2);
      write("kitchen", time, Integer.toString(random.nextInt(100)), t.toPlainString());
      times.add(time);
      temperatures.add(t);
      write("garage", time, "1", "1000");
    }
    Duration window = Duration.ofHours(24);
    Instant from = NOW.minus(window);
    // Brute force over what was written, not over what a query returns.
    BigDecimal min = null;
    BigDecimal max = null;
    BigDecimal sum = BigDecimal.ZERO;
    long count = 0;
    Instant last = null;
    for (int i = 0; i < times.size(); i++) {
      if (times.get(i).isAfter(from) && (i == times.lastIndexOf(times.get(i)))) {
        BigDecimal t = temperatures.get(i);
        min = min == null || t.compareTo(min) < 0 ? t : min;
        max = max == null || t.compareTo(max) > 0 ? t : max;
        sum = sum.add(t);
        count++;
        last = last == null || times.get(i).isAfter(last) ? times.get(i) : last;
      }
    }

    MeasureStats temperature = reader(7).stats("kitchen", window).get(1);
    assertThat(temperature.measure()).isEqualTo("temperature");
    assertThat(temperature.count()).isEqualTo(count).isPositive();
    assertThat(temperature.min()).isEqualByComparingTo(min);
    assertThat(temperature.max()).isEqualByComparingTo(max);
    assertThat(temperature.average())
        .isEqualByComparingTo(sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64));
    assertThat(temperature.last()).isEqualTo(last);
  }

  @Test
  void stats_withoutReadingsInTheWindow_countNothing() {
    write("kitchen", NOW.minus(Duration.ofDays(3)), "1", "2");
    assertThat(reader(5).stats("kitchen", Duration.ofHours(24)))
        .containsExactly(MeasureStats.none("humidity"), MeasureStats.none("temperature"));
  }

  @Test
  void newest_isTheNewestReadingOfTheDevice() {
    write("kitchen", NOW.minus(Duration.ofMinutes(30)), "1", "2");
    write("kitchen", NOW.minus(Duration.ofMinutes(5)), "1", "2");
    write("garage", NOW.minus(Duration.ofMinutes(1)), "1", "2");
    assertThat(reader(null).newest("kitchen", Duration.ofDays(30)))
        .isEqualTo(NOW.minus(Duration.ofMinutes(5)));
    assertThat(reader(null).newest("cellar", Duration.ofDays(30))).isNull();
  }

  @Test
  void newest_whenTheNewestReadingHasExpired_isNone() {
    RuleWrites.expiring(
        dynamo,
        TABLE,
        "kitchen",
        NOW.minus(Duration.ofMinutes(8)),
        Map.of("humidity", "70", "temperature", "99"),
        NOW.getEpochSecond() - 1);
    assertThat(reader(null).newest("kitchen", Duration.ofDays(30))).isNull();
  }

  @Test
  void stats_withDynamoDbsOwnPageSize_readTheWholeWindow() {
    for (int i = 0; i < 40; i++) {
      write("kitchen", NOW.minus(Duration.ofMinutes(i + 1)), "1", Integer.toString(i));
    }
    MeasureStats t = reader(null).stats("kitchen", Duration.ofHours(1)).get(1);
    assertThat(t.count()).isEqualTo(40);
    assertThat(t.max()).isEqualByComparingTo("39");
  }

  @Test
  void dataThroughIotsys_findsTheStoreFromTheRule_andReadsTheSensorsReadings(
      MotoServer.Instance moto) {
    try (IotClient iot = MotoAws.iot(moto);
        Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      iot.createThing(
          r ->
              r.thingName("kitchen")
                  .thingTypeName("testhumidity")
                  .attributePayload(a -> a.attributes(Map.of("managedBy", "iotsys"))));
      Instant recent = Instant.now().minus(Duration.ofMinutes(3));
      write("kitchen", recent, "55", "21.0");

      // The units are the test type's own (HumiditySensorType): the core adds them to what the
      // store holds.
      List<Reading> readings = iotsys.readings("kitchen", Optional.empty(), "1h", 10);
      assertThat(readings)
          .containsExactly(
              new Reading(
                  Instant.ofEpochMilli(recent.toEpochMilli()),
                  "humidity",
                  new BigDecimal("55"),
                  "%"),
              new Reading(
                  Instant.ofEpochMilli(recent.toEpochMilli()),
                  "temperature",
                  new BigDecimal("21.0"),
                  "°C"));
      List<ReadingStats> stats = iotsys.readingStats("kitchen", Optional.empty(), "1h");
      assertThat(stats).extracting(ReadingStats::count).containsExactly(1L, 1L);
      assertThat(stats).extracting(ReadingStats::unit).containsExactly("%", "°C");
    }
  }
}
