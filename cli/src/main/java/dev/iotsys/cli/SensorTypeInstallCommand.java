package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Options;

/** {@code iotsys sensor-type install TYPE --db NAME}: one type on an existing database. */
final class SensorTypeInstallCommand implements Command {
  @Override
  public List<String> words() {
    return List.of("sensor-type", "install");
  }

  @Override
  public String parameters() {
    return "TYPE [--db NAME] [--store STORE] [--move]";
  }

  @Override
  public String summary() {
    return "create or repair one sensor type's resources on an existing database";
  }

  @Override
  public List<String> examples() {
    return List.of(
        "iotsys sensor-type install esp8266temp --db home --dry-run",
        "iotsys sensor-type install esp8266temp --db home --store dynamodb");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(ErrorKind.PRECONDITION);
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(InstallCommand.DB)
        .addOption(InstallCommand.STORE)
        .addOption(InstallCommand.MOVE)
        .addOption(InstallCommand.DRY_RUN);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    String type = Arguments.exactlyOne(params, "sensor-type install", "TYPE");
    return InstallCommand.converge(cl, io, "sensor-type install", type);
  }
}
