package dev.iotsys.cli;

import dev.iotsys.api.InstallResult;
import dev.iotsys.api.Iotsys;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** {@code iotsys install --db NAME}: the database and every sensor type on the class path. */
final class InstallCommand implements Command {
  static final Option DB = Option.builder().longOpt("db").hasArg().argName("NAME")
      .desc("Timestream database name").get();
  static final Option DRY_RUN = Option.builder().longOpt("dry-run")
      .desc("show the plan; change nothing").get();

  @Override
  public List<String> words() {
    return List.of("install");
  }

  @Override
  public String parameters() {
    return "--db NAME";
  }

  @Override
  public String summary() {
    return "create or repair the database and every sensor type's resources";
  }

  @Override
  public Options options() {
    return new Options().addOption(DB).addOption(DRY_RUN);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    Arguments.none(params, "install");
    String db = Arguments.required(cl, DB);
    ResourceOutput output = new ResourceOutput(io);
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      InstallResult result = iotsys.install(db, cl.hasOption(DRY_RUN), output);
      output.finish("install", result);
    }
    return 0;
  }
}
