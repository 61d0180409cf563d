package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How far back {@code data} looks: a whole number and a unit, {@code s}, {@code m}, {@code h} or
 * {@code d} (e.g. {@code 30m}, {@code 24h}, {@code 7d}), from {@link #MIN} to {@link #MAX}.
 *
 * <p>The lower bound is one minute because a device stores one reading about every five minutes: a
 * shorter window is almost always empty and most likely a typo ({@code 5s} for {@code 5d}). The
 * upper bound, 3650 days (about ten years), covers any magnetic store retention iotsys sets while
 * keeping the number small enough that it can never overflow. Only values that passed these checks
 * reach a store, as a {@link Duration}.
 */
public final class Since {
  // Declared before DEFAULT, which is parsed with it.
  private static final Pattern FORM = Pattern.compile("([0-9]+)([smhd])");

  /**
   * The most digits a window in range can have: 3650 days is 315,360,000 s. A longer number is out
   * of range whatever its unit (and might not fit a long), so it is said to be, not parsed.
   */
  private static final int MOST_DIGITS = 9;

  /** The shortest window. */
  public static final Duration MIN = Duration.ofMinutes(1);

  /** The longest window. */
  public static final Duration MAX = Duration.ofDays(3650);

  /** The window {@code data} uses when none is given. */
  public static final Since DEFAULT = parse("24h");

  private final long amount;
  private final char unit;
  private final Duration duration;

  private Since(long amount, char unit, Duration duration) {
    this.amount = amount;
    this.unit = unit;
    this.duration = duration;
  }

  /**
   * Parses a {@code --since} value.
   *
   * @param text e.g. {@code 24h}
   * @return the window
   * @throws IotsysException of kind {@link ErrorKind#INVALID_INPUT} when the text is not a number
   *     and a unit, or lies outside {@link #MIN} to {@link #MAX}
   */
  public static Since parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text);
    if (m == null || !m.matches()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --since '"
              + Names.printable(text)
              + "': use a number and s, m, h or d, e.g. 24h");
    }
    String digits = m.group(1).replaceFirst("^0+(?=.)", "");
    if (digits.length() > MOST_DIGITS) {
      throw outOfRange(text);
    }
    long amount = Long.parseLong(digits);
    char unit = m.group(2).charAt(0);
    Duration duration =
        switch (unit) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (duration.compareTo(MIN) < 0 || duration.compareTo(MAX) > 0) {
      throw outOfRange(text);
    }
    return new Since(amount, unit, duration);
  }

  private static IotsysException outOfRange(String text) {
    return new IotsysException(
        ErrorKind.INVALID_INPUT,
        "Invalid --since '"
            + Names.printable(text)
            + "': use a window from 1 minute (1m) to 3650 days (3650d)");
  }

  /** The window's length. */
  public Duration duration() {
    return duration;
  }

  /** The window as a user writes it, without leading zeros, e.g. {@code 24h}. */
  @Override
  public String toString() {
    return Long.toString(amount) + unit;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Since s && s.amount == amount && s.unit == unit;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(amount) * 31 + unit;
  }
}
