package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.UninstallOptions;
import dev.iotsys.api.UninstallResult;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code iotsys uninstall --db NAME} and {@code iotsys sensor-type uninstall TYPE}: remove what
 * install created. Readings are deleted only with {@code --delete-data}, after a confirmation.
 */
final class UninstallCommand implements Command {
  static final Option REMOVE_SENSORS =
      Option.builder()
          .longOpt("remove-sensors")
          .desc("remove the type's sensors first (as 'sensor remove')")
          .get();
  static final Option DELETE_DATA =
      Option.builder()
          .longOpt("delete-data")
          .desc("also delete the tables (of every store) and the database, with every reading")
          .get();
  static final Option YES =
      Option.builder().longOpt("yes").desc("confirm --delete-data without a prompt").get();
  static final Option WAIT =
      Option.builder()
          .longOpt("wait")
          .desc("wait out AWS's 5 minutes to delete deprecated thing types")
          .get();

  private final boolean oneType;

  private UninstallCommand(boolean oneType) {
    this.oneType = oneType;
  }

  static UninstallCommand all() {
    return new UninstallCommand(false);
  }

  static UninstallCommand sensorType() {
    return new UninstallCommand(true);
  }

  @Override
  public List<String> words() {
    return oneType ? List.of("sensor-type", "uninstall") : List.of("uninstall");
  }

  @Override
  public String parameters() {
    return oneType ? "TYPE [--db NAME]" : "[--db NAME]";
  }

  @Override
  public String summary() {
    return oneType
        ? "remove one sensor type's resources (its table only with --delete-data)"
        : "remove what install created (tables and database only with --delete-data)";
  }

  @Override
  public List<String> examples() {
    return oneType
        ? List.of(
            "iotsys sensor-type uninstall esp8266temp --dry-run",
            "iotsys sensor-type uninstall esp8266temp --remove-sensors --delete-data")
        : List.of(
            "iotsys uninstall --db home --dry-run",
            "iotsys uninstall --db home --remove-sensors   # the readings stay",
            "iotsys uninstall --db home --remove-sensors --delete-data --yes --wait");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(ErrorKind.PRECONDITION);
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(InstallCommand.DB)
        .addOption(InstallCommand.DRY_RUN)
        .addOption(REMOVE_SENSORS)
        .addOption(DELETE_DATA)
        .addOption(YES)
        .addOption(WAIT);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    String type = oneType ? Arguments.exactlyOne(params, "sensor-type uninstall", "TYPE") : null;
    if (!oneType) {
      Arguments.none(params, "uninstall");
    }
    Optional<String> db =
        oneType
            ? Optional.ofNullable(cl.getOptionValue(InstallCommand.DB))
            : Optional.of(Arguments.database(cl, io.env()));
    boolean dryRun = cl.hasOption(InstallCommand.DRY_RUN);
    boolean deleteData = cl.hasOption(DELETE_DATA);
    UninstallOptions options =
        new UninstallOptions(cl.hasOption(REMOVE_SENSORS), deleteData, cl.hasOption(WAIT), dryRun);
    ResourceOutput output = new ResourceOutput(io);
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      if (deleteData && !dryRun && !cl.hasOption(YES)) {
        // What holds readings is what a run without --delete-data keeps: name each one.
        UninstallOptions keep =
            new UninstallOptions(options.removeSensors(), false, options.waitForThingTypes(), true);
        List<String> readings =
            run(iotsys, type, db, keep, IotsysListener.NONE).resources().stream()
                .filter(r -> r.outcome() == Outcome.KEPT)
                .map(r -> r.kind() + " " + r.name())
                .toList();
        if (!readings.isEmpty()) {
          confirm(io, String.join(", ", readings));
        }
      }
      UninstallResult result = run(iotsys, type, db, options, output);
      output.finish(String.join(" ", words()), result);
    }
    return 0;
  }

  private UninstallResult run(
      Iotsys iotsys,
      String type,
      Optional<String> db,
      UninstallOptions options,
      IotsysListener listener) {
    return oneType
        ? iotsys.uninstallSensorType(type, db, options, listener)
        : iotsys.uninstall(db.get(), options, listener);
  }

  /** Deleting readings cannot be undone: ask a person, or insist on --yes. */
  private static void confirm(Terminal io, String what) {
    if (!io.interactive() || System.console() == null) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "--delete-data deletes "
              + what
              + " with every reading; add --yes to confirm when no terminal can ask");
    }
    String answer =
        System.console()
            .readLine(
                "Delete %s with every reading? This cannot be undone. Type 'delete' to confirm: ",
                what);
    if (!"delete".equals(answer == null ? null : answer.trim())) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "Not confirmed: nothing was removed");
    }
  }
}
