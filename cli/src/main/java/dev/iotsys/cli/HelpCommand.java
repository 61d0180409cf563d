package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code iotsys help [COMMAND]}: the help of a command, a group, or the whole tool. */
final class HelpCommand implements Command {
  @Override
  public List<String> words() {
    return List.of("help");
  }

  @Override
  public String parameters() {
    return "[COMMAND]";
  }

  @Override
  public String summary() {
    return "show a command's options, examples and exit codes";
  }

  @Override
  public List<String> examples() {
    return List.of(
        "iotsys help install",
        "iotsys help sensor",
        "iotsys help sensor add",
        "iotsys help sensor add esp32bme280");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return List.of(ErrorKind.INVALID_INPUT);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    Help help = new Help(IotsysCli.COMMANDS);
    if (params.isEmpty()) {
      help.all(io.out());
      return 0;
    }
    Commands.Selection selection = IotsysCli.COMMANDS.select(params);
    if (selection instanceof Commands.Group group) {
      help.group(io.out(), group);
    } else {
      Command command = ((Commands.Found) selection).command();
      List<String> rest =
          params.subList(Math.min(command.words().size(), params.size()), params.size());
      help.command(io.out(), command.forParameters(rest));
    }
    return 0;
  }
}
