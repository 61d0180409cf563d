package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.SensorTypeInfo;
import java.util.List;
import org.apache.commons.cli.CommandLine;

/** {@code iotsys completion bash|zsh}: a completion script for the shell. */
final class CompletionCommand implements Command {
  @Override
  public List<String> words() {
    return List.of("completion");
  }

  @Override
  public String parameters() {
    return "bash|zsh";
  }

  @Override
  public String summary() {
    return "print a shell completion script";
  }

  @Override
  public List<String> examples() {
    return List.of(
        "source <(iotsys completion bash)   # in ~/.bashrc",
        "iotsys completion zsh > ~/.zfunc/_iotsys");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return List.of(ErrorKind.INVALID_INPUT);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    String shell = Arguments.exactlyOne(params, "completion", "SHELL (bash or zsh)");
    List<String> types;
    try (Iotsys iotsys = Plugins.builder().build()) {
      types = iotsys.sensorTypes().stream().map(SensorTypeInfo::id).toList();
    }
    Completion completion = new Completion(IotsysCli.COMMANDS, types);
    switch (shell) {
      case "bash" -> io.out().print(completion.bash());
      case "zsh" -> io.out().print(completion.zsh());
      default ->
          throw new IotsysException(
              ErrorKind.INVALID_INPUT,
              "Unknown shell '" + IotsysException.shown(shell) + "': use bash or zsh");
    }
    return 0;
  }
}
