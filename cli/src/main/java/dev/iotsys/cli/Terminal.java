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
 * @param json whether results are JSON
 */
record Terminal(
    PrintStream out, PrintStream err, Map<String, String> env, boolean interactive, boolean json) {}
