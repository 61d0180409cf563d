package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.RemoveSensorsRequest;
import dev.iotsys.api.SensorTypeInfo;
import dev.iotsys.api.SensorsResult;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code iotsys sensor remove [TYPE] NAME...}: every certificate, the thing and the local files.
 * The first word is a type when it names one and more words follow.
 */
final class SensorRemoveCommand implements Command {
  static final Option KEEP_FILES =
      Option.builder()
          .longOpt("keep-files")
          .desc("keep the local key folder and device package")
          .get();

  @Override
  public List<String> words() {
    return List.of("sensor", "remove");
  }

  @Override
  public String parameters() {
    return "[TYPE] NAME...";
  }

  @Override
  public String summary() {
    return "remove sensors: certificates, things and local files";
  }

  @Override
  public List<String> examples() {
    return List.of(
        "iotsys sensor remove kitchen",
        "iotsys sensor remove esp8266temp kitchen" + " --dry-run",
        "iotsys sensor remove kitchen --keep-files");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(ErrorKind.PRECONDITION, ErrorKind.PARTIAL_FAILURE);
  }

  @Override
  public Options options() {
    return new Options().addOption(KEEP_FILES).addOption(InstallCommand.DRY_RUN);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    if (params.isEmpty()) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "Missing NAME for sensor remove");
    }
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      boolean typed =
          params.size() > 1
              && iotsys.sensorTypes().stream()
                  .map(SensorTypeInfo::id)
                  .anyMatch(params.get(0)::equals);
      RemoveSensorsRequest request =
          new RemoveSensorsRequest(
              typed ? Optional.of(params.get(0)) : Optional.empty(),
              typed ? params.subList(1, params.size()) : params,
              cl.hasOption(KEEP_FILES),
              cl.hasOption(InstallCommand.DRY_RUN));
      SensorsResult result =
          iotsys.removeSensors(request, SensorCommand.progress(io, request.dryRun()));
      return SensorCommand.finish(
          "sensor remove", result, io, GlobalOptions.homeFolder(cl, io.env()));
    }
  }
}
