package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;

/** Checks of positional arguments and required options, each failing with one clear line. */
final class Arguments {
  private Arguments() {}

  static String required(CommandLine cl, Option option) {
    String value = cl.getOptionValue(option);
    if (value == null || value.isBlank()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "Missing --" + option.getLongOpt() + " " + option.getArgName());
    }
    return value;
  }

  /**
   * The database: {@code --db}, else the one the home's settings keep (written by install); a
   * missing one is an input error that says both.
   */
  static String database(CommandLine cl, java.util.Map<String, String> env) {
    String given = cl.getOptionValue(InstallCommand.DB);
    if (given != null && !given.isBlank()) {
      return given;
    }
    dev.iotsys.api.Home home = GlobalOptions.home(cl, env);
    String kept = home.settings().database();
    if (kept != null) {
      return kept;
    }
    throw new IotsysException(
        ErrorKind.INVALID_INPUT,
        "Missing --db NAME: "
            + (home.origin() == dev.iotsys.api.Home.Origin.START
                ? "no iotsys home was found from "
                    + home.folder()
                    + " up (a folder with "
                    + dev.iotsys.api.Home.SETTINGS
                    + ", which 'iotsys install'"
                    + " writes)"
                : "the settings of " + home.folder() + " name no database")
            + "; give --db, or run in the home folder, or name it with --home or "
            + GlobalOptions.HOME_ENV);
  }

  static void none(List<String> params, String command) {
    if (!params.isEmpty()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Unexpected argument '" + IotsysException.shown(params.get(0)) + "' for " + command);
    }
  }

  static String exactlyOne(List<String> params, String command, String what) {
    if (params.size() != 1) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          params.isEmpty()
              ? "Missing " + what + " for " + command
              : "Unexpected argument '"
                  + IotsysException.shown(params.get(1))
                  + "' for "
                  + command);
    }
    return params.get(0);
  }
}
