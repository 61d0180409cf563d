package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;

/** Validates names before any AWS call, so bad input never leaves partial state. */
public final class Names {
  private Names() {}

  /** A database name: 3 to 256 of {@code [a-zA-Z0-9_.-]}, what every store accepts. */
  public static String database(String name) {
    if (name == null || !name.matches("[a-zA-Z0-9_.-]{3,256}")) {
      throw new IotsysException(ErrorKind.INVALID_INPUT,
          "Invalid database name '" + printable(name)
              + "': use 3 to 256 letters, digits, '_', '.' or '-'");
    }
    return name;
  }

  /** A thing (sensor) name: 1 to 128 of {@code [a-zA-Z0-9:_-]}, AWS IoT's rule. */
  public static String thingName(String name) {
    if (name == null || !name.matches("[a-zA-Z0-9:_-]{1,128}")) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "Invalid sensor name '"
          + printable(name) + "': use 1 to 128 letters, digits, ':', '_' or '-'");
    }
    return name;
  }

  /** Shows user input safely in a message: control characters escaped, long input cut. */
  public static String printable(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(80).forEach(c -> {
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return s.codePointCount(0, s.length()) > 80 ? b + "..." : b.toString();
  }
}
