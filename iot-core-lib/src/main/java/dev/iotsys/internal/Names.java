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
  public static final int SHOWN_MAX = IotsysException.SHOWN_MAX;

  /**
   * Shows a value the user gave (or anything else iotsys did not make) safely in a message: see
   * {@link IotsysException#shown(String)}, which every message that echoes such a value uses.
   */
  public static String printable(String s) {
    return IotsysException.shown(s);
  }

  /**
   * A value escaped as {@link #printable} escapes it, but whole: for output that shows a value in
   * its own right (a setting, a path), not inside a message.
   */
  public static String escaped(String s) {
    return IotsysException.escaped(s);
  }
}
