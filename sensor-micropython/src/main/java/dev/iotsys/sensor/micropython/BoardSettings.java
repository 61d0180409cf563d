package dev.iotsys.sensor.micropython;

import dev.iotsys.spi.DeviceSetting;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Device settings MicroPython boards share, parsed to the values their {@code config.json} keeps
 * and the firmwares' {@code settings.py} check with the same ranges.
 */
public final class BoardSettings {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([smh]?)");

  private BoardSettings() {}

  /** {@code --interval DURATION}: the time between readings, 2 s to 24 h, kept in seconds. */
  public static DeviceSetting interval(String defaultText) {
    return new DeviceSetting(
        "interval",
        "DURATION",
        "time between readings: seconds, or a number and s, m or h, 2 s to 24 h (default: "
            + defaultText
            + ")",
        List.of(),
        BoardSettings::seconds);
  }

  /** {@code --mode}: deep sleep between readings, or always on. */
  public static DeviceSetting mode(String deepSleepNote) {
    return DeviceSetting.oneOf(
        "mode",
        "deepsleep between readings (" + deepSleepNote + ") or stay always_on (default: deepsleep)",
        List.of("deepsleep", "always_on"));
  }

  /**
   * {@code --publish-every N} ({@link DeviceSetting#PUBLISH_EVERY}): the board measures at every
   * wake, keeps the readings, and connects every Nth wake (or at once when a reading crosses an
   * alert threshold), saving a Wi-Fi association and a TLS handshake per reading.
   */
  public static DeviceSetting publishEvery() {
    return whole(
        DeviceSetting.PUBLISH_EVERY,
        "N",
        "connect every Nth reading and send the kept ones together, 1 to "
            + DeviceSetting.MAX_PUBLISH_EVERY
            + "; a reading past an alert threshold is sent at once (default: 1)",
        1,
        DeviceSetting.MAX_PUBLISH_EVERY);
  }

  /** A setting that takes a whole number within a range, e.g. a pin. */
  public static DeviceSetting whole(
      String name, String argName, String description, int min, int max) {
    return new DeviceSetting(name, argName, description, List.of(), text -> whole(text, min, max));
  }

  /** A whole number within {@code min..max}, as the user wrote it. */
  public static int whole(String text, int min, int max) {
    if (text.matches("[0-9]{1,9}")) {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    }
    throw new IllegalArgumentException("use a whole number from " + min + " to " + max);
  }

  /** A reading interval in seconds: {@code 300}, {@code 300s}, {@code 5m}, {@code 1h}. */
  public static int seconds(String text) {
    Matcher m = DURATION.matcher(text);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      long s =
          switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
          };
      if (s >= 2 && s <= 86_400) {
        return (int) s;
      }
    }
    throw new IllegalArgumentException("use 2 s to 24 h, e.g. 300, 300s, 5m or 1h");
  }
}
