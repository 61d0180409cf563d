package dev.iotsys.cli;

import java.io.PrintStream;
import java.util.Map;

/**
 * Where a command writes and what it may know of its surroundings.
 *
 * @param out results
 * @param err errors and progress
 * @param env the environment variables
 * @param interactive whether a person is at a terminal
 * @param format how results are written
 */
record Terminal(
    PrintStream out, PrintStream err, Map<String, String> env, boolean interactive, Format format) {

  /** How results are written ({@code --output}). */
  enum Format {
    TEXT,
    JSON,
    CSV
  }

  /** Whether results are one JSON document. */
  boolean json() {
    return format == Format.JSON;
  }
}
