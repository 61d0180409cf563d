package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Home;
import dev.iotsys.api.InstallOptions;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import java.util.List;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code iotsys install --db NAME}: the database and every sensor type on the class path. */
final class InstallCommand implements Command {
  static final Option DB =
      Option.builder()
          .longOpt("db")
          .hasArg()
          .argName("NAME")
          .desc(
              "database name: the Timestream database, part of the DynamoDB tables' names"
                  + " (default: the home's settings, which install writes)")
          .get();
  static final Option DRY_RUN =
      Option.builder().longOpt("dry-run").desc("show the plan; change nothing").get();
  static final Option MOVE =
      Option.builder()
          .longOpt("move")
          .desc(
              "point a type installed on another database or store at this one, and make this"
                  + " the home's database (the earlier readings stay); without it install refuses"
                  + " such a change")
          .get();
  static final Option STORE =
      Option.builder()
          .longOpt("store")
          .hasArg()
          .argName("STORE")
          .desc(
              "where readings are kept: timestream or dynamodb (default: where the sensor type's"
                  + " rule writes now, else the home's settings, else timestream)")
          .get();

  @Override
  public List<String> words() {
    return List.of("install");
  }

  @Override
  public String parameters() {
    return "[--db NAME] [--store timestream|dynamodb] [--move]";
  }

  @Override
  public String summary() {
    return "create or repair the database and every sensor type's resources";
  }

  @Override
  public List<String> examples() {
    return List.of(
        "iotsys install --db home --store dynamodb --dry-run",
        "iotsys install --db home --store dynamodb",
        "iotsys install --db home --store dynamodb --move   # from timestream; its readings stay",
        "iotsys install --db home --output json   # again: nothing to do, \"write\": 0");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(ErrorKind.PRECONDITION);
  }

  @Override
  public Options options() {
    return new Options().addOption(DB).addOption(STORE).addOption(MOVE).addOption(DRY_RUN);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    Arguments.none(params, "install");
    return converge(cl, io, "install", null);
  }

  /**
   * Install, or with {@code type} sensor-type install: the database from the option, else from the
   * home's settings; the store from the option, else where each type's rule writes, else from the
   * settings. A real run records them there, so later commands need not be told again. The home's
   * database changes only with {@code --move}: a mistyped {@code --db} is refused before any AWS
   * call.
   */
  static int converge(CommandLine cl, Terminal io, String command, String type) {
    String db = Arguments.database(cl, io.env());
    Home home = GlobalOptions.home(cl, io.env());
    Home.Settings kept = home.settings();
    boolean move = cl.hasOption(MOVE);
    if (!move && kept.database() != null && !kept.database().equals(db)) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "This home's readings go to database "
              + kept.database()
              + " ("
              + home.settingsFile()
              + "); --db "
              + IotsysException.shown(db)
              + " would send them elsewhere: add --move to move them there, or leave out --db");
    }
    boolean dryRun = cl.hasOption(DRY_RUN);
    InstallOptions options =
        new InstallOptions(
            Optional.ofNullable(cl.getOptionValue(STORE)),
            Optional.ofNullable(kept.store()),
            move,
            dryRun);
    ResourceOutput output = new ResourceOutput(io);
    InstallResult result;
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      result =
          type == null
              ? iotsys.install(db, options, output)
              : iotsys.installSensorType(type, db, options, output);
    }
    if (!dryRun) {
      java.util.TreeSet<String> stores = new java.util.TreeSet<>(result.stores().values());
      home.save(
          kept.with(
              new Home.Settings(
                  db,
                  stores.size() == 1 ? stores.first() : null,
                  cl.getOptionValue(GlobalOptions.REGION),
                  cl.getOptionValue(GlobalOptions.PROFILE))));
    }
    output.finish(command, result);
    return 0;
  }
}
