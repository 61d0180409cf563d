package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.Iotsys;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code iotsys install --db NAME}: the database and every sensor type on the class path. */
final class InstallCommand implements Command {
  static final Option DB = Option.builder().longOpt("db").hasArg().argName("NAME")
      .desc("database name (Timestream database; prefix of the DynamoDB tables)").get();
  static final Option DRY_RUN = Option.builder().longOpt("dry-run")
      .desc("show the plan; change nothing").get();
  static final Option STORE = Option.builder().longOpt("store").hasArg().argName("STORE")
      .desc("where readings are kept: timestream or dynamodb (default: where the sensor type's"
          + " rule writes now, else timestream)").get();

  @Override
  public List<String> words() {
    return List.of("install");
  }

  @Override
  public String parameters() {
    return "--db NAME [--store timestream|dynamodb]";
  }

  @Override
  public String summary() {
    return "create or repair the database and every sensor type's resources";
  }

  @Override
  public List<String> examples() {
    return List.of("iotsys install --db home --store dynamodb --dry-run",
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
    String db = Arguments.required(cl, DB);
    ResourceOutput output = new ResourceOutput(io);
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      String store = cl.getOptionValue(STORE);
      boolean dryRun = cl.hasOption(DRY_RUN);
      InstallResult result = store == null ? iotsys.install(db, dryRun, output)
          : iotsys.install(db, store, dryRun, output);
      output.finish("install", result);
    }
    return 0;
  }
}
