package dev.iotsys.internal.devicetest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftingValueTest {
  /** A room's temperature: a range 10 °C wide, so steps of hundredths and at most 2 °C away. */
  @Test
  void next_startsAtTheValue_thenWandersInSmallStepsNearIt() {
    DriftingValue values = new DriftingValue(new BigDecimal("21.5"), BigDecimal.TEN, 7);
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

  /** Air pressure: a range 60 hPa wide, so it strays up to 12 hPa, in steps six times a room's. */
  @Test
  void next_scalesItsStepsAndItsReachWithTheRange() {
    DriftingValue values = new DriftingValue(new BigDecimal("1010"), new BigDecimal("60"), 7);
    BigDecimal furthest = BigDecimal.ZERO;
    for (int i = 0; i < 2000; i++) {
      BigDecimal away = values.next().subtract(new BigDecimal("1010")).abs();
      assertThat(away).isLessThanOrEqualTo(new BigDecimal("12"));
      furthest = furthest.max(away);
    }
    assertThat(furthest).as("further than a room's 2 degrees").isGreaterThan(new BigDecimal("2"));
  }

  @Test
  void sameSeed_sameReadings() {
    DriftingValue a = new DriftingValue(BigDecimal.TEN, BigDecimal.TEN, 3);
    DriftingValue b = new DriftingValue(BigDecimal.TEN, BigDecimal.TEN, 3);
    for (int i = 0; i < 50; i++) {
      assertEquals(a.next(), b.next());
    }
  }
}
