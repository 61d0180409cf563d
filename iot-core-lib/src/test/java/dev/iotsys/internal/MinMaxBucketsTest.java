package dev.iotsys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.api.Reading;
import dev.iotsys.api.ReadingStats;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinMaxBucketsTest {
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

  /** One reading every 5 minutes for a year, 20.00 to 20.99, newest first as stores answer. */
  private static List<Reading> year() {
    List<Reading> readings = new ArrayList<>();
    for (int i = 1; i <= 365 * 288; i++) {
      readings.add(
          new Reading(
              FROM.plus(Duration.ofMinutes(5L * i)),
              "temperature",
              new BigDecimal("20." + String.format("%02d", i % 100))));
    }
    Collections.reverse(readings);
    return readings;
  }

  @Test
  void reduce_whenTheReadingsFit_returnsEveryOneOldestFirst() {
    List<Reading> three =
        List.of(
            new Reading(FROM.plusSeconds(30), "t", BigDecimal.ONE),
            new Reading(FROM.plusSeconds(10), "t", BigDecimal.TEN),
            new Reading(FROM.plusSeconds(20), "t", BigDecimal.ZERO));

    assertThat(MinMaxBuckets.reduce(three, 3))
        .extracting(Reading::time)
        .containsExactly(FROM.plusSeconds(10), FROM.plusSeconds(20), FROM.plusSeconds(30));
  }

  @Test
  void reduce_aYear_keepsAtMostTheCap_andTheOneSpike_andTheLowestValue() {
    List<Reading> year = new ArrayList<>(year());
    Reading spike =
        new Reading(FROM.plus(Duration.ofDays(200)).plusSeconds(7), "t", new BigDecimal("85.5"));
    Reading dip =
        new Reading(FROM.plus(Duration.ofDays(17)).plusSeconds(3), "t", new BigDecimal("-12.25"));
    year.add(spike);
    year.add(dip);

    List<Reading> points = MinMaxBuckets.reduce(year, 1000);

    assertThat(points).hasSizeLessThanOrEqualTo(1000).hasSizeGreaterThan(900);
    assertThat(points).contains(spike, dip);
    assertThat(points).isSortedAccordingTo(java.util.Comparator.comparing(Reading::time));
    // Every point is a stored reading, none computed.
    assertThat(year).containsAll(points);
  }

  @Test
  void reduce_keepsEachSlicesLowestAndHighest() {
    // Two slices of the 105 minutes the readings span: four readings in each.
    List<Reading> readings = new ArrayList<>();
    String[] values = {"5", "1", "9", "4", "7", "3", "8", "6"};
    for (int i = 0; i < values.length; i++) {
      readings.add(
          new Reading(FROM.plus(Duration.ofMinutes(15L * i + 1)), "t", new BigDecimal(values[i])));
    }

    assertThat(MinMaxBuckets.reduce(readings, 4))
        .extracting(r -> r.value().toPlainString())
        .containsExactly("1", "9", "3", "8");
  }

  @Test
  void reduce_slicesTheTimeTheReadingsSpan_soTenDaysInAYearsWindowKeepTheirDetail() {
    List<Reading> tenDays = new ArrayList<>();
    for (int i = 0; i < 2880; i++) {
      tenDays.add(new Reading(FROM.plus(Duration.ofMinutes(5L * i)), "t", new BigDecimal(i % 7)));
    }

    assertThat(MinMaxBuckets.reduce(tenDays, 1000)).hasSize(1000);
  }

  @Test
  void stats_areExactOverEveryReading() {
    List<Reading> readings =
        List.of(
            new Reading(FROM.plusSeconds(1), "t", new BigDecimal("0.1")),
            new Reading(FROM.plusSeconds(3), "t", new BigDecimal("0.2")),
            new Reading(FROM.plusSeconds(2), "t", new BigDecimal("0.4")));

    ReadingStats stats = MinMaxBuckets.stats("t", readings);

    assertThat(stats.min()).isEqualByComparingTo("0.1");
    assertThat(stats.max()).isEqualByComparingTo("0.4");
    assertThat(stats.average()).isEqualByComparingTo("0.2333333333333333");
    assertThat(stats.count()).isEqualTo(3);
    assertThat(stats.last()).isEqualTo(FROM.plusSeconds(3));
    assertThat(MinMaxBuckets.stats("t", List.of()).count()).isZero();
  }
}
