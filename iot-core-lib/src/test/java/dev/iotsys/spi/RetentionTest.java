package dev.iotsys.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Timestream's limits (aws-facts.md, from Timestream's quotas page: memory store 1 to 8766 hours,
 * magnetic store 1 to 73000 days), at and just past each bound.
 */
class RetentionTest {
  @ParameterizedTest
  @CsvSource({"1, 1", "8766, 73000", "24, 365"})
  void retention_withinTimestreamsLimits_isAccepted(int hours, int days) {
    assertThat(new Retention(hours, days).memoryHours()).isEqualTo(hours);
  }

  @ParameterizedTest
  @CsvSource({
    "0, 365, memoryHours",
    "8767, 365, memoryHours",
    "24, 0, magneticDays",
    "24, 73001, magneticDays"
  })
  void retention_pastTimestreamsLimits_isRefusedNamingTheValue(int hours, int days, String name) {
    assertThatThrownBy(() -> new Retention(hours, days))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(name + " must be");
  }
}
