package dev.iotsys.api;

import dev.iotsys.internal.Names;

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

  /**
   * How a message shows a value the user gave: characters a terminal could act on escaped, a long
   * value cut with its length said. Every message iotsys makes, and the command line's, shows user
   * values through this one function.
   *
   * @param value the value as given; null shows as empty
   * @return the value, safe to print
   */
  public static String shown(String value) {
    return Names.printable(value);
  }

  /**
   * How output shows a value in its own right (a setting, a path) rather than inside a message:
   * escaped as {@link #shown} escapes, but never cut.
   *
   * @param value the value; null shows as empty
   * @return the value, safe to print
   */
  public static String escaped(String value) {
    return Names.escaped(value);
  }
}
