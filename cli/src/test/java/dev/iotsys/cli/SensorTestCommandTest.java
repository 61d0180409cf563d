package dev.iotsys.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SensorTestCommandTest {
  @Test
  void duration_takesANumberAndAUnit_secondsWithoutOne() {
    assertEquals(Duration.ofSeconds(30), SensorTestCommand.duration(SensorTestCommand.WAIT, "30s"));
    assertEquals(
        Duration.ofMillis(500), SensorTestCommand.duration(SensorTestCommand.WAIT, "500ms"));
    assertEquals(Duration.ofMinutes(2), SensorTestCommand.duration(SensorTestCommand.WAIT, "2m"));
    assertEquals(Duration.ofHours(1), SensorTestCommand.duration(SensorTestCommand.INTERVAL, "1h"));
    assertEquals(Duration.ZERO, SensorTestCommand.duration(SensorTestCommand.WAIT, "0"));
  }

  @Test
  void duration_refusesTheRest_namingTheOption() {
    for (String bad : new String[] {"", "s", "-1s", "1.5s", "10d", "30 s", "9999999s"}) {
      IotsysException e =
          assertThrows(
              IotsysException.class,
              () -> SensorTestCommand.duration(SensorTestCommand.INTERVAL, bad),
              bad);
      assertEquals(ErrorKind.INVALID_INPUT, e.kind());
      assertEquals(
          "Invalid --interval '" + bad + "': give a number and ms, s, m or h, e.g. 30s",
          e.getMessage());
    }
  }

  @Test
  void value_isADecimalNumber() {
    assertEquals(new BigDecimal("21.5"), SensorTestCommand.value("21.5"));
    assertEquals(new BigDecimal("-3"), SensorTestCommand.value("-3"));
    for (String bad : new String[] {"warm", "1e3", "21,5", "+1", "", "NaN"}) {
      IotsysException e =
          assertThrows(IotsysException.class, () -> SensorTestCommand.value(bad), bad);
      assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    }
  }
}
