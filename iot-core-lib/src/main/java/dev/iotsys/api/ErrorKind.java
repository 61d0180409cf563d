package dev.iotsys.api;

/**
 * The kinds of failure iotsys reports, each with the process exit code the command line maps it to.
 *
 * <p>The codes are part of the documented interface (README, "Exit codes"): scripts rely on them.
 */
public enum ErrorKind {
  /** Something iotsys did not expect; a bug or an AWS answer it does not understand. */
  INTERNAL(1),
  /** Bad input: an invalid name, an unknown sensor type, a missing or malformed option. */
  INVALID_INPUT(2),
  /** The AWS configuration is incomplete: no region, no credentials, an unknown profile. */
  CONFIGURATION(3),
  /** The AWS endpoint could not be reached or closed the connection. */
  UNREACHABLE(4),
  /** AWS refused the caller: access denied, or a service closed to the account. */
  ACCESS_DENIED(5),
  /** A precondition in the account is not met, e.g. the database does not exist yet. */
  PRECONDITION(6),
  /** A command on several items finished, but some of them failed. */
  PARTIAL_FAILURE(7),
  /** {@code status} found resources drifted or missing. */
  NOT_CONVERGED(8),
  /** AWS went on throttling a call after the SDK's retries: try again later. */
  THROTTLED(9);

  private final int exitCode;

  ErrorKind(int exitCode) {
    this.exitCode = exitCode;
  }

  /**
   * The exit code the command line returns for this kind of failure.
   *
   * @return the process exit code, 1 to 9; each kind has its own
   */
  public int exitCode() {
    return exitCode;
  }
}
