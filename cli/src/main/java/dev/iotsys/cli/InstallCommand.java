package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Home;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.Iotsys;
import java.util.List;
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
  static final Option STORE =
      Option.builder()
          .longOpt("store")
          .hasArg()
          .argName("STORE")
          .desc(
              "where readings are kept: timestream or dynamodb (default: the home's settings,"
                  + " else where the sensor type's rule writes now, else timestream)")
          .get();

  @Override
  public List<String> words() {
    return List.of("install");
  }

  @Override
  public String parameters() {
    return "[--db NAME] [--store timestream|dynamodb]";
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
        "iotsys install --db home --output json   # again: nothing to do, \"write\": 0");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(ErrorKind.PRECONDITION);
  }

  @Override
  public Options options() {
    return new Options().addOption(DB).addOption(STORE).addOption(DRY_RUN);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    Arguments.none(params, "install");
    return converge(cl, io, "install", null);
  }

  /**
   * Install, or with {@code type} sensor-type install: the database and store from the options,
   * else from the home's settings; a real run records them there, so later commands need not be
   * told again.
   */
  static int converge(CommandLine cl, Terminal io, String command, String type) {
    String db = Arguments.database(cl, io.env());
    Home home = GlobalOptions.home(cl, io.env());
    Home.Settings kept = home.settings();
    String store = cl.getOptionValue(STORE, kept.store());
    boolean dryRun = cl.hasOption(DRY_RUN);
    ResourceOutput output = new ResourceOutput(io);
    InstallResult result;
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      if (type == null) {
        result =
            store == null
                ? iotsys.install(db, dryRun, output)
                : iotsys.install(db, store, dryRun, output);
      } else {
        result =
            store == null
                ? iotsys.installSensorType(type, db, dryRun, output)
                : iotsys.installSensorType(type, db, store, dryRun, output);
      }
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
