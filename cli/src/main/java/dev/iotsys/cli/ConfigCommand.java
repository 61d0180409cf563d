package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Home;
import dev.iotsys.api.IotsysException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/**
 * {@code iotsys config}: the home folder and how it was found, and each setting a command would use
 * here, with where it comes from. Reads only the settings file; no AWS call.
 */
final class ConfigCommand implements Command {
  /** One setting: its value (or null) and where it came from. */
  record Setting(String name, String value, String source) {}

  @Override
  public List<String> words() {
    return List.of("config");
  }

  @Override
  public String parameters() {
    return "";
  }

  @Override
  public String summary() {
    return "show the home folder and each setting, with where it comes from";
  }

  @Override
  public List<String> examples() {
    return List.of("iotsys config", "iotsys --home ~/fleet config --output json");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return List.of(ErrorKind.INVALID_INPUT, ErrorKind.PRECONDITION);
  }

  @Override
  public Options options() {
    return new Options().addOption(InstallCommand.DB);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    Arguments.none(params, "config");
    Map<String, String> env = io.env();
    Home home = GlobalOptions.home(cl, env);
    Home.Settings kept = home.settings();
    checkOptions(cl, env);
    List<Setting> settings = new ArrayList<>();
    settings.add(
        pick(
            "database",
            cl.getOptionValue(InstallCommand.DB),
            "--db",
            kept.database(),
            null,
            "not set: give --db, or run 'iotsys install --db NAME' here"));
    settings.add(pick("store", null, null, kept.store(), null, "the type's rule, else timestream"));
    settings.add(
        pick(
            "region",
            cl.getOptionValue(GlobalOptions.REGION),
            "--region",
            kept.region(),
            env.get("AWS_REGION"),
            "the profile's region"));
    settings.add(
        pick(
            "profile",
            cl.getOptionValue(GlobalOptions.PROFILE),
            "--profile",
            kept.profile(),
            env.get("AWS_PROFILE"),
            "the SDK's credential chain"));
    settings.add(
        source(
            "endpoint-url",
            cl.getOptionValue(GlobalOptions.ENDPOINT),
            "--endpoint-url",
            env.get("AWS_ENDPOINT_URL"),
            "AWS_ENDPOINT_URL",
            "each service's own"));
    settings.add(
        source(
            "timeout",
            null,
            null,
            env.get(GlobalOptions.TIMEOUT_ENV),
            GlobalOptions.TIMEOUT_ENV,
            "10 s"));
    String found =
        switch (home.origin()) {
          case OPTION -> "--home";
          case ENVIRONMENT -> GlobalOptions.HOME_ENV;
          case FOUND -> "found: the nearest folder with " + Home.SETTINGS;
          case START -> "the current folder: no folder from here up has " + Home.SETTINGS;
        };
    boolean hasFile = java.nio.file.Files.isRegularFile(home.settingsFile());
    if (io.json()) {
      ObjectNode doc = Json.object().put("command", "config");
      doc.putObject("home")
          .put("folder", home.folder().toString())
          .put("origin", home.origin().name())
          .put("settings", hasFile ? home.settingsFile().toString() : null);
      ObjectNode values = doc.putObject("settings");
      for (Setting s : settings) {
        values.putObject(s.name()).put("value", s.value()).put("source", s.source());
      }
      io.out().println(Json.text(doc));
      return 0;
    }
    int names = settings.stream().mapToInt(s -> s.name().length()).max().orElse(0);
    String pad = " ".repeat(names - "settings".length());
    io.out()
        .println(
            "home"
                + " ".repeat(names - 4)
                + "  "
                + IotsysException.escaped(home.folder().toString())
                + " ("
                + found
                + ")");
    io.out()
        .println(
            "settings"
                + pad
                + "  "
                + (hasFile
                    ? IotsysException.escaped(home.settingsFile().toString())
                    : "none yet ('iotsys install' writes " + Home.SETTINGS + ")"));
    int width = settings.stream().mapToInt(s -> display(s).length()).max().orElse(0);
    for (Setting s : settings) {
      String shown = display(s);
      io.out()
          .println(
              s.name()
                  + " ".repeat(names - s.name().length())
                  + "  "
                  + shown
                  + " ".repeat(width - shown.length())
                  + "  ("
                  + s.source()
                  + ")");
    }
    return 0;
  }

  /**
   * What config is given is what another command would be given: it is checked the same way, so
   * that config never shows as in use a value every other command refuses.
   */
  private static void checkOptions(CommandLine cl, Map<String, String> env) {
    new Home.Settings(
        cl.getOptionValue(InstallCommand.DB), null, null, cl.getOptionValue(GlobalOptions.PROFILE));
    if (cl.hasOption(GlobalOptions.REGION)) {
      GlobalOptions.region(cl.getOptionValue(GlobalOptions.REGION));
    }
    String endpoint = cl.getOptionValue(GlobalOptions.ENDPOINT, env.get("AWS_ENDPOINT_URL"));
    if (endpoint != null && !endpoint.isBlank()) {
      GlobalOptions.endpoint(endpoint);
    }
    GlobalOptions.callTimeout(env);
  }

  /** A value as text output shows it: escaped, since it may come from a file or the environment. */
  private static String display(Setting s) {
    return s.value() == null ? "-" : IotsysException.escaped(s.value());
  }

  /** The option, else the settings, else the environment, else the default. */
  private static Setting pick(
      String name, String option, String optionName, String kept, String env, String fallback) {
    if (option != null) {
      return new Setting(name, option, optionName);
    }
    if (kept != null) {
      return new Setting(name, kept, Home.SETTINGS);
    }
    if (env != null && !env.isBlank()) {
      return new Setting(name, env, "AWS_" + name.toUpperCase(java.util.Locale.ROOT));
    }
    return new Setting(name, null, fallback);
  }

  private static Setting source(
      String name, String option, String optionName, String env, String envName, String fallback) {
    if (option != null) {
      return new Setting(name, option, optionName);
    }
    if (env != null && !env.isBlank()) {
      return new Setting(name, env, envName);
    }
    return new Setting(name, null, fallback);
  }
}
