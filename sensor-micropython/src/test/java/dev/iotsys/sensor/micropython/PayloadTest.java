package dev.iotsys.sensor.micropython;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The payload's form, with the cases DEVICE-CONTRACT.md ("Payload") spells out as literals. */
class PayloadTest {
  /** The contract's own examples of hundredths written as text. */
  @ParameterizedTest
  @CsvSource({"21.50, 21.5", "21.00, 21.0", "21.06, 21.06", "-0.05, -0.05", "0, 0.0", "125, 125.0"})
  void hundredths_writesTheContractsExamples(String hundredths, String text) {
    assertEquals(text, Payload.hundredths(new BigDecimal(hundredths)));
  }

  /**
   * Half away from zero, where half-even would differ: a DS18B20 step of 2/16 °C is 0.125 (12.5
   * hundredths: 13 away from zero, 12 to even), and -0.125 likewise; 1.025 rounds up, not to 1.02.
   */
  @ParameterizedTest
  @CsvSource({"0.125, 0.13", "-0.125, -0.13", "1.025, 1.03", "-1.025, -1.03", "0.0625, 0.06"})
  void hundredths_roundsHalfAwayFromZero(String exact, String text) {
    assertEquals(text, Payload.hundredths(new BigDecimal(exact)));
  }

  @Test
  void json_writesTheMeasuresInOrder_withTheContractsSeparators() {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
    values.put("temperature", new BigDecimal("21.5"));
    values.put("humidity", new BigDecimal("45.25"));
    values.put("pressure", new BigDecimal("1013.25"));
    assertEquals(
        "{\"temperature\": 21.5, \"humidity\": 45.25, \"pressure\": 1013.25}",
        new String(Payload.json(values), StandardCharsets.UTF_8));
  }
}
