package dev.iotsys.internal.devicetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftingValueTest {
  @Test
  void next_startsAtTheValue_thenWandersInSmallStepsNearIt() {
    DriftingValue values = new DriftingValue(new BigDecimal("21.5"), 7);
    List<BigDecimal> readings = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      readings.add(values.next());
    }

    assertEquals(new BigDecimal("21.50"), readings.get(0));
    for (int i = 1; i < readings.size(); i++) {
      BigDecimal step = readings.get(i).subtract(readings.get(i - 1)).abs();
      assertThat(step).isLessThanOrEqualTo(new BigDecimal("0.25"));
      assertThat(readings.get(i)).isBetween(new BigDecimal("19.5"), new BigDecimal("23.5"));
      assertEquals(2, readings.get(i).scale());
    }
    assertNotEquals(1, readings.stream().distinct().count(), "it drifts");
  }

  @Test
  void sameSeed_sameReadings() {
    DriftingValue a = new DriftingValue(BigDecimal.TEN, 3);
    DriftingValue b = new DriftingValue(BigDecimal.TEN, 3);
    for (int i = 0; i < 50; i++) {
      assertEquals(a.next(), b.next());
    }
  }
}
