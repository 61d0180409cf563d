package dev.iotsys.cli;

import dev.iotsys.api.Home;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysEvent;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugin folders of one command line, {@code <home>/.iotsys/plugins} and the folder {@value
 * #ENV} names, and the one way the command line builds an {@link Iotsys}: with them. Found from the
 * raw arguments before they are parsed, because {@code sensor add}'s options (each type's settings)
 * depend on the types, plugins included.
 */
final class Plugins {
  /** The environment variable that names one more plugin folder. */
  static final String ENV = "IOTSYS_PLUGINS";

  /** The home's plugin folder, relative to the home. */
  static final String FOLDER = ".iotsys/plugins";

  /** Before a command line names a home: iotsys's own plugins only. */
  private static volatile Plugins current = new Plugins(List.of(), System.err);

  private final List<Path> folders;
  private final PrintStream err;
  private final Set<Path> reported = ConcurrentHashMap.newKeySet();

  private Plugins(List<Path> folders, PrintStream err) {
    this.folders = List.copyOf(folders);
    this.err = err;
  }

  /** The plugin folders of this command line, used by every {@link #builder()} until the next. */
  static void use(String[] args, Map<String, String> env, PrintStream err) {
    current = new Plugins(folders(args, env), err);
  }

  static Plugins current() {
    return current;
  }

  List<Path> folders() {
    return folders;
  }

  /**
   * An iotsys builder that loads the plugin folders' jars; a skipped jar is one warning line on
   * stderr, once per command line however often iotsys is built.
   */
  static Iotsys.Builder builder() {
    Plugins p = current;
    Iotsys.Builder builder = Iotsys.builder();
    p.folders.forEach(builder::pluginFolder);
    return builder.listener(
        event -> {
          if (event instanceof IotsysEvent.PluginSkipped s && p.reported.add(s.jar())) {
            p.err.println("warning: plugin " + s.jar() + " skipped: " + s.reason());
          }
        });
  }

  private static List<Path> folders(String[] args, Map<String, String> env) {
    List<Path> folders = new ArrayList<>();
    Optional<Path> home =
        Optional.ofNullable(homeOption(args))
            .or(() -> Optional.ofNullable(env.get(GlobalOptions.HOME_ENV)))
            .filter(v -> !v.isBlank())
            .flatMap(Plugins::path);
    Path start = Path.of(System.getProperty("user.dir"));
    folders.add(
        home.orElseGet(() -> Home.find(Optional.empty(), Optional.empty(), start).folder())
            .resolve(FOLDER));
    Optional.ofNullable(env.get(ENV))
        .filter(v -> !v.isBlank())
        .flatMap(Plugins::path)
        .ifPresent(folders::add);
    return folders;
  }

  /** The value of --home, read as commons-cli will: {@code --home DIR} or {@code --home=DIR}. */
  private static String homeOption(String[] args) {
    String option = "--" + GlobalOptions.HOME.getLongOpt();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(option) && i + 1 < args.length) {
        return args[i + 1];
      }
      if (args[i].startsWith(option + "=")) {
        return args[i].substring(option.length() + 1);
      }
    }
    return null;
  }

  /** A bad path is the parsed option's to report; here it only means no plugin folder there. */
  private static Optional<Path> path(String value) {
    try {
      return Optional.of(Path.of(value).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
