package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import java.util.List;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * One iotsys command, e.g. {@code install} or {@code sensor-type list}: its words, its own options,
 * its help, and what it does. The parser, the help, the "did you mean" hints and the shell
 * completion are all made from these definitions.
 */
interface Command {
  /** The exit codes of a command that calls AWS, whatever it does. */
  List<ErrorKind> AWS_FAILURES =
      List.of(
          ErrorKind.INTERNAL,
          ErrorKind.INVALID_INPUT,
          ErrorKind.CONFIGURATION,
          ErrorKind.UNREACHABLE,
          ErrorKind.ACCESS_DENIED,
          ErrorKind.THROTTLED);

  /** The words that select the command, e.g. {@code ["sensor-type", "install"]}. */
  List<String> words();

  /** The positional parameters and required options, for the synopsis, e.g. {@code TYPE}. */
  String parameters();

  /** One line for the help text. */
  String summary();

  /** Two or three examples, each a whole command line. */
  default List<String> examples() {
    return List.of();
  }

  /** The exit codes besides 0 this command can return, in order. */
  default List<ErrorKind> exitCodes() {
    return AWS_FAILURES;
  }

  /** Whether the command writes {@code --output csv}. */
  default boolean writesCsv() {
    return false;
  }

  /** The options only this command takes (the global ones are added by the caller). */
  default Options options() {
    return new Options();
  }

  /**
   * The options its help lists; by default all of {@link #options()}. A command whose options
   * depend on its first parameter (a sensor type's settings) lists only the shared ones, and {@link
   * #forParameters} gives the view that lists a type's own.
   */
  default Options helpOptions() {
    return options();
  }

  /** Lines its help shows after the options, e.g. where each type's own options are. */
  default List<String> helpNotes() {
    return List.of();
  }

  /**
   * The command as its help shows it for the parameters given, e.g. {@code sensor add esp32bme280
   * --help} with that type's options only; by default itself.
   *
   * @param params the positional arguments after the command's words
   */
  default Command forParameters(List<String> params) {
    return this;
  }

  /** The long names of this command's options that may be given more than once. */
  default Set<String> repeatable() {
    return Set.of();
  }

  /**
   * Runs the command.
   *
   * @param cl the parsed command line
   * @param params the positional arguments after the command's words
   * @param io where to write, and the environment
   * @return the exit code
   */
  int run(CommandLine cl, List<String> params, Terminal io);

  /** The command's words as one string, e.g. {@code sensor add}. */
  default String name() {
    return String.join(" ", words());
  }

  /** The exit codes of an AWS command plus the given ones, sorted by code. */
  static List<ErrorKind> awsFailuresAnd(ErrorKind... more) {
    java.util.TreeSet<ErrorKind> all = new java.util.TreeSet<>(AWS_FAILURES);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }
}
