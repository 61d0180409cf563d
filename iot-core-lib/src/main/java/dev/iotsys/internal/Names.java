package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;

/** Validates names before any AWS call, so bad input never leaves partial state. */
public final class Names {
  private Names() {}

  /** A database name: 3 to 256 of {@code [a-zA-Z0-9_.-]}, what every store accepts. */
  public static String database(String name) {
    if (name == null || !name.matches("[a-zA-Z0-9_.-]{3,256}")) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid database name '"
              + printable(name)
              + "': use 3 to 256 letters, digits, '_', '.' or '-'");
    }
    return name;
  }

  /** A thing (sensor) name: 1 to 128 of {@code [a-zA-Z0-9:_-]}, AWS IoT's rule. */
  public static String thingName(String name) {
    if (name == null || !name.matches("[a-zA-Z0-9:_-]{1,128}")) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid sensor name '"
              + printable(name)
              + "': use 1 to 128 letters, digits, ':', '_' or '-'");
    }
    return name;
  }

  /** At most this many characters of a value are shown in a message. */
  public static final int SHOWN_MAX = 80;

  /**
   * Shows a value the user gave (or anything else iotsys did not make) safely in a message: each
   * character a terminal could act on becomes a backslash, {@code u} and four hex digits (control
   * and C1 characters, format characters such as the bidirectional overrides, line and paragraph
   * separators, lone surrogates, private and unassigned code points), and a value longer than
   * {@link #SHOWN_MAX} characters is cut, with its length said. Every message that echoes such a
   * value uses this one function.
   */
  public static String printable(String s) {
    if (s == null) {
      return "";
    }
    int length = s.codePointCount(0, s.length());
    if (length <= SHOWN_MAX) {
      return escaped(s);
    }
    return escaped(s.substring(0, s.offsetByCodePoints(0, SHOWN_MAX)))
        + "... ("
        + length
        + " characters)";
  }

  /**
   * A value with each character a terminal could act on escaped as {@link #printable} does, but
   * whole: for output that shows a value in its own right (a setting, a path), not inside a
   * message.
   */
  public static String escaped(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              if (unsafe(c)) {
                b.append(String.format("\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  private static boolean unsafe(int c) {
    if (Character.isISOControl(c)) {
      return true;
    }
    int type = Character.getType(c);
    return type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.UNASSIGNED;
  }
}
