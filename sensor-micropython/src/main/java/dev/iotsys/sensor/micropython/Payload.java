package dev.iotsys.sensor.micropython;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The message a MicroPython board publishes for one reading, as the device contract fixes it for
 * every board (DEVICE-CONTRACT.md, "Payload"): one JSON object, the measures in the contract's
 * order, separators {@code ", "} and {@code ": "}, each value in hundredths written from integers,
 * so that no board's float width changes a digit.
 */
public final class Payload {
  private Payload() {}

  /**
   * The message's bytes.
   *
   * @param values each measure's exact value, in the contract's order
   * @return e.g. {@code {"temperature": 21.5, "humidity": 45.25}}
   */
  public static byte[] json(Map<String, BigDecimal> values) {
    StringJoiner json = new StringJoiner(", ", "{", "}");
    values.forEach((measure, value) -> json.add("\"" + measure + "\": " + hundredths(value)));
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A value as the firmware writes it: rounded half away from zero to hundredths, then the sign,
   * the integer part, a point and the two fractional digits with one trailing zero dropped ({@code
   * 21.50} is {@code 21.5}, {@code 21.00} is {@code 21.0}, {@code -0.05} stays).
   *
   * @param value the exact value
   * @return its text in the message
   */
  public static String hundredths(BigDecimal value) {
    long h = value.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    long a = Math.abs(h);
    long fraction = a % 100;
    return (h < 0 ? "-" : "")
        + a / 100
        + "."
        + (fraction % 10 == 0 ? Long.toString(fraction / 10) : String.format("%02d", fraction));
  }
}
