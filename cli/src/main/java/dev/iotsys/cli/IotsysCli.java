package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Suggestion;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.commons.cli.UnrecognizedOptionException;

/**
 * Parses the command line, runs the chosen command and turns every failure into one line and an
 * exit code (see the README, "Exit codes"). A stack trace only with {@code -v}.
 */
public final class IotsysCli {
  /** Every command, in the order the help lists them. */
  static final Commands COMMANDS =
      new Commands(
          List.of(
              new InstallCommand(),
              new StatusCommand(),
              new SensorAddCommand(),
              new SensorListCommand(),
              new SensorTestCommand(),
              new SensorRemoveCommand(),
              new DataCommand(),
              new DashboardCommand(),
              new SensorTypeListCommand(),
              new SensorTypeInstallCommand(),
              new SensorTypeNewCommand(),
              UninstallCommand.sensorType(),
              UninstallCommand.all(),
              AlertsCommand.enable(),
              AlertsCommand.set(),
              AlertsCommand.list(),
              AlertsCommand.disable(),
              new ConfigCommand(),
              new HelpCommand(),
              new CompletionCommand()));

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
    boolean json = wantsJson(args);
    try {
      Plugins.use(args, env, err);
      return dispatch(args, json);
    } catch (IotsysException e) {
      return report(e.kind(), e.getMessage(), e, verbose, json);
    } catch (ParseException e) {
      // commons-cli quotes the argument it choked on: shown escaped and cut like any user value.
      return report(
          ErrorKind.INVALID_INPUT,
          IotsysException.shown(e.getMessage()) + "; see 'iotsys --help'",
          e,
          verbose,
          json);
    } catch (RuntimeException e) {
      return report(ErrorKind.INTERNAL, "internal error: " + e, e, verbose, json);
    }
  }

  /**
   * Whether the command line asks for JSON, read from the raw arguments so that a failure to parse
   * them is reported as JSON too.
   */
  static boolean wantsJson(String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--output=json")
          || args[i].equals("--output") && i + 1 < args.length && args[i + 1].equals("json")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Finds the command from its words (global options may come first), then parses the whole line
   * with that command's own options and the global ones, so that an option means one thing per
   * command and a typo is caught where it was made.
   */
  private int dispatch(String[] args, boolean json) throws ParseException {
    List<String> words = leadingWords(args);
    boolean helpAsked = List.of(args).contains("--help") || List.of(args).contains("-h");
    if (words.isEmpty()) {
      if (List.of(args).contains("--version")) {
        out.println("iotsys " + version());
        return 0;
      }
      if (args.length > 0 && !helpAsked) {
        // Options but no command: parse them, so that a bad one is named as such.
        parse(GlobalOptions.options(), args, null);
      }
      if (json && !helpAsked) {
        // A script asked for JSON: the usage is a failure, and a failure is one document.
        throw new IotsysException(
            ErrorKind.INVALID_INPUT, "No command given; 'iotsys help' lists the commands");
      }
      new Help(COMMANDS).all(out);
      return helpAsked ? 0 : ErrorKind.INVALID_INPUT.exitCode();
    }
    Commands.Selection selection = COMMANDS.select(words);
    if (selection instanceof Commands.Group group) {
      if (json && !helpAsked) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "'"
                + group.word()
                + "' needs one of its commands: "
                + String.join(
                    ", ",
                    group.commands().stream()
                        .map(c -> c.words().get(c.words().size() - 1))
                        .toList())
                + " ('iotsys help "
                + group.word()
                + "' shows them)");
      }
      new Help(COMMANDS).group(out, group);
      return helpAsked ? 0 : ErrorKind.INVALID_INPUT.exitCode();
    }
    Command command = ((Commands.Found) selection).command();
    Options options = GlobalOptions.options();
    command.options().getOptions().forEach(options::addOption);
    CommandLine cl = parse(options, args, command);
    if (cl.hasOption(GlobalOptions.HELP)) {
      List<String> given = cl.getArgList();
      new Help(COMMANDS)
          .command(
              out,
              command.forParameters(
                  given.subList(Math.min(command.words().size(), given.size()), given.size())));
      return 0;
    }
    if (cl.hasOption(GlobalOptions.VERSION)) {
      out.println("iotsys " + version());
      return 0;
    }
    onlyOnce(cl, command);
    Terminal.Format format = GlobalOptions.format(cl);
    if (format == Terminal.Format.CSV && !command.writesCsv()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "--output csv applies only to 'data'; use text or json");
    }
    List<String> positional = cl.getArgList();
    Terminal io = new Terminal(out, err, env, interactive, format);
    return command.run(cl, positional.subList(command.words().size(), positional.size()), io);
  }

  /**
   * The words a command line starts with once the global options before them are skipped: the
   * command's words and perhaps its first parameters. Stops at the first other option.
   */
  static List<String> leadingWords(String[] args) {
    Options global = GlobalOptions.options();
    int i = 0;
    while (i < args.length && args[i].startsWith("-")) {
      String name = args[i].replaceFirst("^--?", "").replaceFirst("=.*", "");
      Option o = global.getOption(name);
      if (o == null) {
        return List.of();
      }
      i += o.hasArg() && !args[i].contains("=") ? 2 : 1;
    }
    List<String> words = new java.util.ArrayList<>();
    while (i < args.length && !args[i].startsWith("-") && words.size() < 3) {
      words.add(args[i++]);
    }
    return words;
  }

  private static CommandLine parse(Options options, String[] args, Command command)
      throws ParseException {
    try {
      return DefaultParser.builder().setAllowPartialMatching(false).get().parse(options, args);
    } catch (UnrecognizedOptionException e) {
      String option = e.getOption();
      String name = option.replaceFirst("^--?", "").replaceFirst("=.*", "");
      String where = command == null ? "" : " for '" + command.name() + "'";
      if (command != null && !COMMANDS.takingOption(name, command).isEmpty()) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "Option --"
                + name
                + " does not apply to '"
                + command.name()
                + "' (it is an option of '"
                + COMMANDS.takingOption(name, command).get(0).name()
                + "'; 'iotsys help "
                + command.name()
                + "' shows its options)");
      }
      List<String> known = options.getOptions().stream().map(o -> "--" + o.getLongOpt()).toList();
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Unknown option '"
              + IotsysException.shown(option)
              + "'"
              + where
              + Suggestion.hint(option.replaceFirst("=.*", ""), known)
              + (command == null
                  ? " ('iotsys --help' lists the options)"
                  : " ('iotsys help " + command.name() + "' lists its options)"));
    }
  }

  /** A single-valued option given twice is a mistake, never a silent choice of the first. */
  private static void onlyOnce(CommandLine cl, Command command) {
    Map<String, List<String>> given = new java.util.LinkedHashMap<>();
    for (Option o : cl.getOptions()) {
      given
          .computeIfAbsent(o.getLongOpt(), k -> new java.util.ArrayList<>())
          .add(o.getValue() == null ? "" : o.getValue());
    }
    given.forEach(
        (name, values) -> {
          if (values.size() > 1 && !command.repeatable().contains(name)) {
            throw new IotsysException(
                ErrorKind.INVALID_INPUT,
                "Option --"
                    + name
                    + " is given "
                    + (values.size() == 2 ? "twice" : values.size() + " times")
                    + (values.get(0).isEmpty()
                        ? ""
                        : " ('"
                            + IotsysException.shown(values.get(0))
                            + "', '"
                            + IotsysException.shown(values.get(1))
                            + "')")
                    + "; give it once");
          }
        });
  }

  /**
   * One line on standard error; with {@code --output json} also one document on standard output, so
   * that a script reading it always gets JSON: {@code {"error":{"kind":...,"exitCode":...,
   * "message":...}}}. Returns the exit code.
   */
  private int report(ErrorKind kind, String message, Throwable e, boolean verbose, boolean json) {
    err.println("iotsys: " + message);
    if (verbose) {
      e.printStackTrace(err);
    }
    if (json) {
      ObjectNode doc = Json.object();
      doc.putObject("error")
          .put("kind", kind.name())
          .put("exitCode", kind.exitCode())
          .put("message", message);
      out.println(Json.text(doc));
    }
    out.flush();
    return kind.exitCode();
  }

  static String version() {
    String v = IotsysCli.class.getPackage().getImplementationVersion();
    return v == null ? "development build" : v;
  }
}
