package dev.iotsys.cli;

import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** One iotsys command, e.g. {@code install} or {@code sensor-type list}. */
interface Command {
  /** The words that select the command, e.g. {@code ["sensor-type", "install"]}. */
  List<String> words();

  /** The positional parameters, for the help text, e.g. {@code TYPE}. */
  String parameters();

  /** One line for the help text. */
  String summary();

  /** Whether the command writes {@code --output csv}. */
  default boolean writesCsv() {
    return false;
  }

  /** The options only this command takes (the global ones are added by the caller). */
  Options options();

  /**
   * Runs the command.
   *
   * @param cl the parsed command line
   * @param params the positional arguments after the command's words
   * @param io where to write, and the environment
   * @return the exit code
   */
  int run(CommandLine cl, List<String> params, Terminal io);
}
