package dev.iotsys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensorReadingsTest {
  @ParameterizedTest
  @ValueSource(ints = {0, -1, 10_001, Integer.MAX_VALUE})
  void checkLimit_whenOutside1To10000_rejectsItAsInput(int limit) {
    assertThatThrownBy(() -> SensorReadings.checkLimit(limit))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessage("Invalid --limit " + limit + ": use 1 to 10000");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10_000})
  void checkLimit_atTheBounds_accepts(int limit) {
    assertThat(SensorReadings.checkLimit(limit)).isEqualTo(limit);
  }
}
