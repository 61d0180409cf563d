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

  static void none(List<String> params, String command) {
    if (!params.isEmpty()) {
      throw new IotsysException(ErrorKind.INVALID_INPUT,
          "Unexpected argument '" + IotsysException.shown(params.get(0)) + "' for " + command);
    }
  }

  static String exactlyOne(List<String> params, String command, String what) {
    if (params.size() != 1) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, params.isEmpty()
          ? "Missing " + what + " for " + command
          : "Unexpected argument '" + IotsysException.shown(params.get(1)) + "' for " + command);
    }
    return params.get(0);
  }
}
