package dev.iotsys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.api.SensorHealth.Health;
import dev.iotsys.spi.KeyAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadingHealthTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Duration FIVE = Duration.ofMinutes(5);

  private static Health ago(Duration age, Duration interval, Duration silentAfter) {
    return ReadingHealth.of(Optional.of(NOW.minus(age)), NOW, interval, silentAfter);
  }

  @Test
  void of_countsAReadingOnTimeUpToOneAndAHalfIntervals_thenLate_thenSilent() {
    Duration silent = ReadingHealth.silentAfter(FIVE, Optional.empty());
    assertThat(silent).isEqualTo(Duration.ofMinutes(30));

    assertThat(ago(Duration.ofSeconds(10), FIVE, silent)).isEqualTo(Health.ON_TIME);
    assertThat(ago(Duration.ofMinutes(7).plusSeconds(30), FIVE, silent)).isEqualTo(Health.ON_TIME);
    assertThat(ago(Duration.ofMinutes(7).plusSeconds(31), FIVE, silent)).isEqualTo(Health.LATE);
    assertThat(ago(Duration.ofMinutes(30), FIVE, silent)).isEqualTo(Health.LATE);
    assertThat(ago(Duration.ofMinutes(30).plusSeconds(1), FIVE, silent)).isEqualTo(Health.SILENT);
    assertThat(ReadingHealth.of(Optional.empty(), NOW, FIVE, silent)).isEqualTo(Health.NEVER_SEEN);
  }

  @Test
  void of_measuresAgainstTheIntervalItIsGiven() {
    Duration hour = Duration.ofHours(1);
    Duration silent = ReadingHealth.silentAfter(hour, Optional.empty());

    assertThat(ago(Duration.ofMinutes(50), hour, silent)).isEqualTo(Health.ON_TIME);
    assertThat(ago(Duration.ofMinutes(50), FIVE, ReadingHealth.silentAfter(FIVE, Optional.empty())))
        .isEqualTo(Health.SILENT);
  }

  @Test
  void silentAfter_isTheSensorsOwnAlarmWindowWhenItHasOne() {
    Duration own = Duration.ofMinutes(10);
    assertThat(ReadingHealth.silentAfter(FIVE, Optional.of(own))).isEqualTo(own);
    assertThat(ago(Duration.ofMinutes(11), FIVE, own)).isEqualTo(Health.SILENT);
  }

  @Test
  void of_aReadingStampedAheadOfTheClock_isOnTime() {
    assertThat(ago(Duration.ofSeconds(-20), FIVE, Duration.ofMinutes(30)))
        .isEqualTo(Health.ON_TIME);
  }

  @Test
  void expectedInterval_isTheIntervalTheTypeDeclares_andSilenceDerivesFromIt() {
    Duration quarter = Duration.ofMinutes(15);
    Duration interval =
        ReadingHealth.expectedInterval(
            Optional.of(
                SensorTypeRegistryTest.type(
                    "attictemp", quarter, List.of(KeyAlgorithm.RSA_2048), List.of())),
            1);

    assertThat(interval).isEqualTo(quarter);
    assertThat(ReadingHealth.silentAfter(interval, Optional.empty()))
        .isEqualTo(Duration.ofMinutes(90));
    assertThat(ago(Duration.ofMinutes(20), interval, Duration.ofMinutes(90)))
        .isEqualTo(Health.ON_TIME);
  }

  @Test
  void expectedInterval_ofABoardThatKeepsSixReadings_isSixIntervals_soTenMinutesIsOnTime() {
    Duration interval =
        ReadingHealth.expectedInterval(
            Optional.of(
                SensorTypeRegistryTest.type(
                    "attictemp", FIVE, List.of(KeyAlgorithm.RSA_2048), List.of())),
            6);

    assertThat(interval).isEqualTo(Duration.ofMinutes(30));
    assertThat(
            ago(
                Duration.ofMinutes(10),
                interval,
                ReadingHealth.silentAfter(interval, Optional.empty())))
        .isEqualTo(Health.ON_TIME);
    assertThat(
            ago(
                Duration.ofMinutes(50),
                interval,
                ReadingHealth.silentAfter(interval, Optional.empty())))
        .isEqualTo(Health.LATE);
  }
}
