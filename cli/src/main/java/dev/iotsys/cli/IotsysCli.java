package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * Parses the command line, runs the chosen command and turns every failure into one line and an
 * exit code (see the README, "Exit codes"). A stack trace only with {@code -v}.
 */
public final class IotsysCli {
  private static final List<Command> COMMANDS = List.of(
      new InstallCommand(),
      new SensorTypeInstallCommand(),
      new SensorTypeListCommand(),
      new SensorAddCommand(),
      new SensorRemoveCommand(),
      new SensorListCommand(),
      UninstallCommand.sensorType(),
      UninstallCommand.all(),
      new StatusCommand(),
      new DataCommand(),
      AlertsCommand.enable(),
      AlertsCommand.set(),
      AlertsCommand.list(),
      AlertsCommand.disable());

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;
  private final boolean interactive;

  /**
   * Creates the command line front end.
   *
   * @param out where results go
   * @param err where errors and progress go
   * @param env the environment variables
   * @param interactive whether a person is at a terminal
   */
  public IotsysCli(PrintStream out, PrintStream err, Map<String, String> env, boolean interactive) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.interactive = interactive;
  }

  /** Runs one command line and returns its exit code. */
  public int run(String... args) {
    boolean verbose = List.of(args).contains("-v") || List.of(args).contains("--verbose");
    try {
      return dispatch(args);
    } catch (IotsysException e) {
      report(e.getMessage(), e, verbose);
      return e.exitCode();
    } catch (ParseException e) {
      report(e.getMessage() + "; see 'iotsys --help'", e, verbose);
      return ErrorKind.INVALID_INPUT.exitCode();
    } catch (RuntimeException e) {
      report("internal error: " + e, e, verbose);
      return ErrorKind.INTERNAL.exitCode();
    }
  }

  private int dispatch(String[] args) throws ParseException {
    Options all = new Options();
    GlobalOptions.addTo(all);
    COMMANDS.forEach(c -> c.options().getOptions().forEach(all::addOption));
    CommandLine cl = DefaultParser.builder().get().parse(all, args);
    if (cl.hasOption(GlobalOptions.VERSION)) {
      out.println("iotsys " + version());
      return 0;
    }
    List<String> positional = cl.getArgList();
    if (cl.hasOption(GlobalOptions.HELP) || positional.isEmpty()) {
      help();
      return positional.isEmpty() && !cl.hasOption(GlobalOptions.HELP)
          ? ErrorKind.INVALID_INPUT.exitCode()
          : 0;
    }
    Command command = find(positional);
    checkOptionsApply(cl, command);
    Terminal.Format format = GlobalOptions.format(cl);
    if (format == Terminal.Format.CSV && !command.writesCsv()) {
      throw new IotsysException(ErrorKind.INVALID_INPUT,
          "--output csv applies only to 'data'; use text or json");
    }
    Terminal io = new Terminal(out, err, env, interactive, format);
    return command.run(cl, positional.subList(command.words().size(), positional.size()), io);
  }

  private static Command find(List<String> positional) {
    for (Command c : COMMANDS) {
      List<String> words = c.words();
      if (positional.size() >= words.size() && positional.subList(0, words.size()).equals(words)) {
        return c;
      }
    }
    String known = COMMANDS.stream().map(c -> String.join(" ", c.words()))
        .collect(Collectors.joining(", "));
    throw new IotsysException(ErrorKind.INVALID_INPUT,
        "Unknown command '" + String.join(" ", positional) + "'; commands: " + known);
  }

  private static void checkOptionsApply(CommandLine cl, Command command) {
    Options global = new Options();
    GlobalOptions.addTo(global);
    Set<String> allowed = new java.util.HashSet<>();
    global.getOptions().forEach(o -> allowed.add(o.getKey()));
    command.options().getOptions().forEach(o -> allowed.add(o.getKey()));
    for (Option given : cl.getOptions()) {
      if (!allowed.contains(given.getKey())) {
        throw new IotsysException(ErrorKind.INVALID_INPUT, "Option --" + given.getLongOpt()
            + " does not apply to '" + String.join(" ", command.words()) + "'");
      }
    }
  }

  private void help() {
    PrintWriter w = new PrintWriter(out, true);
    w.println("usage: iotsys [global options] COMMAND [options]");
    w.println();
    w.println("commands:");
    for (Command c : COMMANDS) {
      w.printf("  %-40s %s%n", String.join(" ", c.words()) + " " + c.parameters(), c.summary());
    }
    List<Option> commandOptions = new ArrayList<>();
    COMMANDS.forEach(c -> c.options().getOptions().stream()
        .filter(o -> commandOptions.stream().noneMatch(k -> k.getKey().equals(o.getKey())))
        .forEach(commandOptions::add));
    Options global = new Options();
    GlobalOptions.addTo(global);
    w.println();
    w.println("global options:");
    global.getOptions().forEach(o -> w.println(optionLine(o)));
    w.println();
    w.println("command options:");
    commandOptions.forEach(o -> w.println(optionLine(o)));
    w.println();
    w.println("exit codes: 0 ok, 1 internal error, 2 invalid input, 3 AWS configuration,"
        + " 4 AWS unreachable, 5 access denied, 6 precondition not met, 7 some items failed,"
        + " 8 not converged, 9 AWS throttling outlasted the retries");
    w.flush();
  }

  private static String optionLine(Option o) {
    String name = (o.getOpt() == null ? "    " : "-" + o.getOpt() + ", ") + "--" + o.getLongOpt()
        + (o.hasArg() ? " " + o.getArgName() : "");
    return String.format("  %-28s %s", name, o.getDescription());
  }

  private void report(String message, Throwable e, boolean verbose) {
    err.println("iotsys: " + message);
    if (verbose) {
      e.printStackTrace(err);
    }
  }

  static String version() {
    String v = IotsysCli.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }
}
