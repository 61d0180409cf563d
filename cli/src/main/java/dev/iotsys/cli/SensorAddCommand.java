package dev.iotsys.cli;

import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.SensorsResult;
import java.io.Console;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code iotsys sensor add TYPE NAME... --wifi-ssid SSID}: things, certificates from local keys,
 * attachments, key folders and device packages; converges what exists. The Wi-Fi password comes
 * from {@code --wifi-password}, else {@code IOTSYS_WIFI_PASSWORD}, else a prompt without echo.
 */
final class SensorAddCommand implements Command {
  static final String PASSWORD_ENV = "IOTSYS_WIFI_PASSWORD";
  static final Option WIFI_SSID = Option.builder().longOpt("wifi-ssid").hasArg().argName("SSID")
      .desc("Wi-Fi network the sensors join").get();
  static final Option WIFI_PASSWORD = Option.builder().longOpt("wifi-password").hasArg()
      .argName("PASSWORD")
      .desc("Wi-Fi password (visible to other users in the process list: prefer "
          + PASSWORD_ENV + " or the prompt)").get();
  /** Said on standard error whenever the password comes on the command line. */
  static final String PASSWORD_WARNING = "iotsys: warning: --wifi-password shows the Wi-Fi"
      + " password to every user of this machine (ps, /proc) while the command runs; set "
      + PASSWORD_ENV + " instead, or leave both out to be asked";
  static final Option NEW_CERTIFICATE = Option.builder().longOpt("new-certificate")
      .desc("make a new key and certificate and retire the old ones (a lost or leaked key, or a"
          + " sensor provisioned from another home)")
      .get();

  @Override
  public List<String> words() {
    return List.of("sensor", "add");
  }

  @Override
  public String parameters() {
    return "TYPE NAME... --wifi-ssid SSID";
  }

  @Override
  public String summary() {
    return "add sensors, or repair them: thing, certificate, device package";
  }

  @Override
  public List<String> examples() {
    return List.of("iotsys sensor add esp8266temp kitchen --wifi-ssid MyNet",
        "IOTSYS_WIFI_PASSWORD=... iotsys sensor add esp8266temp kitchen garage --wifi-ssid MyNet",
        "iotsys sensor add esp8266temp kitchen --wifi-ssid MyNet --dry-run");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(ErrorKind.PRECONDITION, ErrorKind.PARTIAL_FAILURE);
  }

  @Override
  public Options options() {
    return new Options().addOption(WIFI_SSID).addOption(WIFI_PASSWORD).addOption(NEW_CERTIFICATE)
        .addOption(InstallCommand.DRY_RUN);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    if (params.size() < 2) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, params.isEmpty()
          ? "Missing TYPE and NAME for sensor add" : "Missing NAME for sensor add");
    }
    String ssid = Arguments.required(cl, WIFI_SSID);
    AddSensorsRequest request = new AddSensorsRequest(params.get(0), params.subList(1, params.size()),
        ssid, password(cl, io, ssid), cl.hasOption(NEW_CERTIFICATE),
        cl.hasOption(InstallCommand.DRY_RUN));
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      SensorsResult result = iotsys.addSensors(request, SensorCommand.progress(io));
      return SensorCommand.finish("sensor add", result, io, GlobalOptions.homeFolder(cl, io.env()));
    }
  }

  /** The option, else the environment, else a prompt without echo when a person is there. */
  static String password(CommandLine cl, Terminal io, String ssid) {
    if (cl.hasOption(WIFI_PASSWORD)) {
      io.err().println(PASSWORD_WARNING);
      return cl.getOptionValue(WIFI_PASSWORD);
    }
    String fromEnv = io.env().get(PASSWORD_ENV);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return fromEnv;
    }
    Console console = System.console();
    if (io.interactive() && console != null) {
      char[] typed = console.readPassword("Wi-Fi password for %s: ", ssid);
      if (typed != null && typed.length > 0) {
        return new String(typed);
      }
    }
    throw new IotsysException(ErrorKind.INVALID_INPUT, "Missing Wi-Fi password: pass"
        + " --wifi-password, set " + PASSWORD_ENV + ", or run in a terminal to be asked");
  }
}
