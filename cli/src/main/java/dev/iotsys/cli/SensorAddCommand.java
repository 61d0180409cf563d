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
  static final Option WIFI_SSID =
      Option.builder()
          .longOpt("wifi-ssid")
          .hasArg()
          .argName("SSID")
          .desc("Wi-Fi network the sensors join")
          .get();
  static final Option WIFI_PASSWORD =
      Option.builder()
          .longOpt("wifi-password")
          .hasArg()
          .argName("PASSWORD")
          .desc(
              "Wi-Fi password (visible to other users in the process list: prefer "
                  + PASSWORD_ENV
                  + " or the prompt)")
          .get();

  /** Said on standard error whenever the password comes on the command line. */
  static final String PASSWORD_WARNING =
      "iotsys: warning: --wifi-password shows the Wi-Fi"
          + " password to every user of this machine (ps, /proc) while the command runs; set "
          + PASSWORD_ENV
          + " instead, or leave both out to be asked";

  static final Option WIFI_OPEN =
      Option.builder().longOpt("wifi-open").desc("the network is open: no password").get();
  static final Option OVERWRITE_PACKAGE =
      Option.builder()
          .longOpt("overwrite-package")
          .desc("replace device package files edited by hand (kept otherwise, with a note)")
          .get();
  static final Option NEW_CERTIFICATE =
      Option.builder()
          .longOpt("new-certificate")
          .desc(
              "last resort: make a new key and certificate and retire the old ones (a lost or"
                  + " leaked key, or a sensor provisioned from another home); a board flashed with the"
                  + " old package stops connecting until it is flashed again")
          .get();

  /** The device settings of every sensor type on the class path, as options, by name. */
  private static volatile java.util.Map<String, Option> deviceSettings;

  @Override
  public List<String> words() {
    return List.of("sensor", "add");
  }

  @Override
  public String parameters() {
    return "TYPE NAME... --wifi-ssid SSID [--wifi-open]";
  }

  @Override
  public String summary() {
    return "add sensors, or repair them: thing, certificate, device package";
  }

  @Override
  public List<String> examples() {
    return List.of(
        "iotsys sensor add esp8266temp kitchen --wifi-ssid MyNet",
        "IOTSYS_WIFI_PASSWORD=... iotsys sensor add esp8266temp kitchen garage --wifi-ssid MyNet",
        "iotsys sensor add esp8266temp cellar --wifi-ssid MyNet --sensor dht22 --pin 4"
            + " --interval 10m --mode always_on");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(ErrorKind.PRECONDITION, ErrorKind.PARTIAL_FAILURE);
  }

  @Override
  public Options options() {
    Options options =
        new Options().addOption(WIFI_SSID).addOption(WIFI_PASSWORD).addOption(WIFI_OPEN);
    settingOptions().values().forEach(options::addOption);
    return options
        .addOption(OVERWRITE_PACKAGE)
        .addOption(NEW_CERTIFICATE)
        .addOption(InstallCommand.DRY_RUN);
  }

  /**
   * Each device setting a sensor type declares, once by name; its help says which types take it.
   * Reading the types makes no AWS call.
   */
  static java.util.Map<String, Option> settingOptions() {
    java.util.Map<String, Option> options = deviceSettings;
    if (options == null) {
      java.util.Map<String, java.util.List<String>> types = new java.util.LinkedHashMap<>();
      java.util.Map<String, dev.iotsys.api.SensorTypeInfo.Setting> first =
          new java.util.LinkedHashMap<>();
      try (Iotsys iotsys = Iotsys.builder().build()) {
        for (dev.iotsys.api.SensorTypeInfo t : iotsys.sensorTypes()) {
          for (dev.iotsys.api.SensorTypeInfo.Setting s : t.deviceSettings()) {
            first.putIfAbsent(s.name(), s);
            types.computeIfAbsent(s.name(), k -> new java.util.ArrayList<>()).add(t.id());
          }
        }
      }
      options = new java.util.LinkedHashMap<>();
      for (dev.iotsys.api.SensorTypeInfo.Setting s : first.values()) {
        options.put(
            s.name(),
            Option.builder()
                .longOpt(s.name())
                .hasArg()
                .argName(s.argName())
                .desc(s.description() + " [" + String.join(", ", types.get(s.name())) + "]")
                .get());
      }
      deviceSettings = options;
    }
    return options;
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    if (params.size() < 2) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          params.isEmpty()
              ? "Missing TYPE and NAME for sensor add"
              : "Missing NAME for sensor add");
    }
    String ssid = Arguments.required(cl, WIFI_SSID);
    java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
    for (String name : settingOptions().keySet()) {
      if (cl.hasOption(name)) {
        settings.put(name, cl.getOptionValue(name));
      }
    }
    AddSensorsRequest request =
        new AddSensorsRequest(
            params.get(0),
            params.subList(1, params.size()),
            ssid,
            password(cl, io, ssid),
            cl.hasOption(NEW_CERTIFICATE),
            cl.hasOption(InstallCommand.DRY_RUN),
            settings,
            cl.hasOption(OVERWRITE_PACKAGE));
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      SensorsResult result =
          iotsys.addSensors(request, SensorCommand.progress(io, request.dryRun()));
      return SensorCommand.finish("sensor add", result, io, GlobalOptions.homeFolder(cl, io.env()));
    }
  }

  /**
   * Empty for {@code --wifi-open}; else the option, else the environment, else a prompt without
   * echo when a person is there.
   */
  static String password(CommandLine cl, Terminal io, String ssid) {
    if (cl.hasOption(WIFI_OPEN)) {
      if (cl.hasOption(WIFI_PASSWORD)) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT, "--wifi-open and --wifi-password exclude each other");
      }
      return "";
    }
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
    throw new IotsysException(
        ErrorKind.INVALID_INPUT,
        "Missing Wi-Fi password: set "
            + PASSWORD_ENV
            + ", run in a terminal to be asked, pass --wifi-password, or --wifi-open"
            + " for an open network");
  }
}
