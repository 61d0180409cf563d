package dev.iotsys.api;

/**
 * The root of every failure iotsys reports. Its message is one complete sentence meant for the
 * user; {@link #kind()} tells what kind of failure it is and so which exit code the CLI returns.
 */
public class IotsysException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure this is; it decides the exit code. */
  private final ErrorKind kind;

  /**
   * Creates an exception.
   *
   * @param kind what kind of failure this is
   * @param message one sentence for the user
   */
  public IotsysException(ErrorKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /**
   * Creates an exception with the failure that caused it.
   *
   * @param kind what kind of failure this is
   * @param message one sentence for the user
   * @param cause the underlying failure, shown only in verbose output
   */
  public IotsysException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /**
   * What kind of failure this is.
   *
   * @return the kind, which decides the exit code
   */
  public ErrorKind kind() {
    return kind;
  }

  /**
   * The exit code the command line returns for this failure.
   *
   * @return the exit code of {@link #kind()}
   */
  public int exitCode() {
    return kind.exitCode();
  }

  /** At most this many characters of a value the user gave are shown in a message. */
  public static final int SHOWN_MAX = 80;

  /**
   * How a message shows a value the user gave (or anything else iotsys did not make): each
   * character a terminal could act on becomes a backslash, {@code u} and four hex digits (control
   * and C1 characters, format characters such as the bidirectional overrides, line and paragraph
   * separators, lone surrogates, private and unassigned code points), and a value longer than
   * {@link #SHOWN_MAX} characters is cut, with its length said. Every message iotsys makes, and the
   * command line's, shows user values through this one function.
   *
   * @param value the value as given; null shows as empty
   * @return the value, safe to print
   */
  public static String shown(String value) {
    if (value == null) {
      return "";
    }
    int length = value.codePointCount(0, value.length());
    if (length <= SHOWN_MAX) {
      return escaped(value);
    }
    return escaped(value.substring(0, value.offsetByCodePoints(0, SHOWN_MAX)))
        + "... ("
        + length
        + " characters)";
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

  /**
   * How output shows a value in its own right (a setting, a path) rather than inside a message:
   * escaped as {@link #shown} escapes, but never cut.
   *
   * @param value the value; null shows as empty
   * @return the value, safe to print
   */
  public static String escaped(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    value
        .codePoints()
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
}
