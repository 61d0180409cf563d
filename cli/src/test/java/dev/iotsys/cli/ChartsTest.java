package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sparkline and the line chart, drawn from known readings. */
class ChartsTest {
  private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofHours(24));

  private static List<BigDecimal> decimals(String... values) {
    return Arrays.stream(values).map(v -> v == null ? null : new BigDecimal(v)).toList();
  }

  @Test
  void sparkline_drawsTheLowestAsTheLowestBlockAndTheHighestAsTheHighest_gapsAsSpaces() {
    assertThat(Sparkline.of(decimals("1", "2", "3", "4", "5", "6", "7", "8")))
        .isEqualTo("▁▂▃▄▅▆▇█");
    assertThat(Sparkline.of(decimals("10", null, "20"))).isEqualTo("▁ █");
    assertThat(Sparkline.of(decimals("5", "5"))).isEqualTo("▄▄");
  }

  @Test
  void buckets_averageTheValuesOfEachSlice_andLeaveEmptySlicesNull() {
    List<Instant> times =
        List.of(
            FROM.plusSeconds(60),
            FROM.plusSeconds(120),
            FROM.plus(Duration.ofHours(23)),
            TO,
            FROM.minusSeconds(1));
    List<BigDecimal> buckets =
        Sparkline.buckets(times, decimals("20", "22", "10", "99", "99"), FROM, TO, 24);
    assertThat(buckets).hasSize(24);
    assertThat(buckets.get(0)).isEqualByComparingTo("21");
    assertThat(buckets.get(1)).isNull();
    assertThat(buckets.get(23)).isEqualByComparingTo("10");
  }

  @Test
  void lineChart_ofARisingDay_hasAxesLabelsAndMarksTheExtremes() {
    List<Instant> times = new ArrayList<>();
    List<BigDecimal> values = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      times.add(FROM.plus(Duration.ofHours(h)).plusSeconds(30));
      values.add(new BigDecimal(18 + h / 4));
    }
    List<String> lines =
        new LineChart(60, 8, ZoneOffset.UTC).draw("temperature", "°C", times, values, FROM, TO);

    assertThat(lines.get(0)).isEqualTo("temperature from 2026-12-01 00:00 to 2026-12-02 00:00 (Z)");
    assertThat(lines.get(1)).startsWith("23 °C ┤");
    assertThat(lines.get(8)).startsWith("18 °C ┤");
    assertThat(lines.get(9)).startsWith("      └────");
    assertThat(lines.get(10)).contains("00:00", "06:00", "12:00", "18:00");
    assertThat(lines.get(11))
        .isEqualTo("▲ max 23 °C at 2026-12-01 20:00   ▼ min 18 °C at" + " 2026-12-01 00:00");
    assertThat(lines.get(1)).contains("▲");
    assertThat(lines.get(8)).contains("▼");
    // A rising line: the first point is on the bottom row, the last on the top.
    assertThat(lines.get(8).substring(7)).startsWith("▼");
    assertThat(lines.subList(1, 9)).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
    assertThat(String.join("\n", lines)).contains("•");
  }

  @Test
  void lineChart_withoutReadingsInTheWindow_saysSo() {
    assertThat(
            new LineChart(60, 8, ZoneOffset.UTC)
                .draw("temperature", "°C", List.of(FROM.minusSeconds(10)), decimals("1"), FROM, TO))
        .containsExactly("no temperature readings to draw");
  }
}
