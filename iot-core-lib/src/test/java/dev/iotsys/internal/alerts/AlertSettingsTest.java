package dev.iotsys.internal.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

class AlertSettingsTest {
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private static final List<String> MEASURES = List.of("humidity", "temperature");

  private static MetricAlarm alarm(
      String name, String description, int period, int periods, double threshold) {
    return MetricAlarm.builder()
        .alarmName(name)
        .alarmDescription(description)
        .period(period)
        .evaluationPeriods(periods)
        .threshold(threshold)
        .build();
  }

  @Test
  void record_readsBackAsTheSameSettings() {
    AlertSettings settings =
        new AlertSettings(
            Duration.ofHours(2),
            new TreeMap<>(Map.of("temperature", new BigDecimal("30.50"))),
            new TreeMap<>(
                Map.of("temperature", new BigDecimal("-5"), "humidity", new BigDecimal("20"))));
    assertEquals(
        "iotsys settings: silent-after=2h humidity-below=20 temperature-above=30.5"
            + " temperature-below=-5",
        settings.record());
    assertEquals(
        Optional.of(settings),
        AlertSettings.parse("Sensor kitchen sent nothing. " + settings.record()));
  }

  @Test
  void parse_ofADescriptionEditedByHand_findsNoRecord() {
    assertEquals(Optional.empty(), AlertSettings.parse(null));
    assertEquals(Optional.empty(), AlertSettings.parse("my own words"));
    assertEquals(Optional.empty(), AlertSettings.parse("iotsys settings: silent-after=5m"));
    assertEquals(
        Optional.empty(),
        AlertSettings.parse("iotsys settings: silent-after=30m temperature-above=warm"));
    assertEquals(Optional.empty(), AlertSettings.parse("iotsys settings: temperature-above=3"));
  }

  @Test
  void of_prefersTheSilenceAlarmsRecord_thenAThresholdsRecord_thenTheAlarmsOwnFields() {
    MetricAlarm silence =
        alarm(
            "iotsys/kitchen/silent",
            "x. iotsys settings: silent-after=1h temperature-above=30",
            60,
            30,
            1);
    MetricAlarm above =
        alarm(
            "iotsys/kitchen/temperature-above",
            "x. iotsys settings: silent-after=2h temperature-above=25",
            60,
            1,
            35);
    assertEquals(
        "iotsys settings: silent-after=1h temperature-above=30",
        AlertSettings.of(List.of(above, silence), MEASURES, FIVE_MINUTES).record());

    MetricAlarm silenceByHand = alarm("iotsys/kitchen/silent", "edited", 60, 30, 1);
    assertEquals(
        "iotsys settings: silent-after=2h temperature-above=25",
        AlertSettings.of(List.of(silenceByHand, above), MEASURES, FIVE_MINUTES).record());

    MetricAlarm aboveByHand = alarm("iotsys/kitchen/temperature-above", "edited", 60, 1, 35);
    assertEquals(
        "iotsys settings: silent-after=30m temperature-above=35",
        AlertSettings.of(List.of(silenceByHand, aboveByHand), MEASURES, FIVE_MINUTES).record());
    assertEquals(
        AlertSettings.defaults(FIVE_MINUTES), AlertSettings.of(List.of(), MEASURES, FIVE_MINUTES));
    assertEquals(
        "iotsys settings: silent-after=1h",
        AlertSettings.of(List.of(), MEASURES, Duration.ofMinutes(10)).record());
  }

  /** Six intervals, in whole minutes, within 10 minutes and a day; the figures worked by hand. */
  @Test
  void defaultSilentAfter_isSixReadingIntervals_withinTenMinutesAndADay() {
    assertEquals(Duration.ofMinutes(30), AlertSettings.defaultSilentAfter(FIVE_MINUTES));
    assertEquals(Duration.ofHours(6), AlertSettings.defaultSilentAfter(Duration.ofHours(1)));
    assertEquals(Duration.ofMinutes(13), AlertSettings.defaultSilentAfter(Duration.ofSeconds(125)));
    assertEquals(Duration.ofMinutes(10), AlertSettings.defaultSilentAfter(Duration.ofMinutes(1)));
    assertEquals(Duration.ofHours(24), AlertSettings.defaultSilentAfter(Duration.ofHours(10)));
  }

  @Test
  void of_dropsThresholdsOfMeasuresTheTypeDoesNotHave() {
    MetricAlarm silence =
        alarm(
            "iotsys/kitchen/silent",
            "x. iotsys settings: silent-after=30m pressure-above=1000 temperature-below=2",
            60,
            30,
            1);
    AlertSettings settings = AlertSettings.of(List.of(silence), MEASURES, FIVE_MINUTES);
    assertThat(settings.measures()).containsExactly("temperature");
  }

  @Test
  void window_acceptsWholeMinutesFrom10mTo24h() {
    assertEquals(Duration.ofMinutes(10), AlertSettings.window("10m", "silent-after"));
    assertEquals(Duration.ofHours(24), AlertSettings.window("1d", "silent-after"));
    assertEquals("90m", AlertSettings.window(Duration.ofMinutes(90)));
    assertEquals("2h", AlertSettings.window(Duration.ofMinutes(120)));
    for (String bad : List.of("9m", "25h", "2d", "30", "30s", "1.5h", "-30m", "")) {
      assertThatThrownBy(() -> AlertSettings.window(bad, "silent-after"))
          .isInstanceOf(IotsysException.class)
          .extracting(e -> ((IotsysException) e).kind())
          .isEqualTo(ErrorKind.INVALID_INPUT);
    }
  }

  @Test
  void threshold_refusesWhatCloudWatchsDoubleWouldNotKeep() {
    assertEquals(new BigDecimal("21.5"), AlertSettings.threshold(new BigDecimal("21.50"), "above"));
    assertEquals(new BigDecimal("-40"), AlertSettings.threshold(new BigDecimal("-40"), "below"));
    assertThatThrownBy(
            () -> AlertSettings.threshold(new BigDecimal("21.1234567890123456789"), "above"))
        .hasMessageContaining("--above");
    assertThatThrownBy(() -> AlertSettings.threshold(new BigDecimal("1e13"), "above"))
        .hasMessageContaining("10^12");
  }
}
