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

  /** Each sensor type's device settings as options, by type id, then by setting name. */
  /** The settings of the types in the plugin folders last read, kept with those folders. */
  private static volatile java.util.Map.Entry<
          List<java.nio.file.Path>, java.util.Map<String, java.util.Map<String, Option>>>
      typeSettings;

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
            + " --interval 10m --mode always_on",
        "iotsys sensor add esp32bme280 porch --wifi-ssid MyNet",
        "iotsys sensor add esp32bme280 shed --wifi-ssid MyNet --key rsa --i2c-address 0x77");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(ErrorKind.PRECONDITION, ErrorKind.PARTIAL_FAILURE);
  }

  /**
   * Every option any type takes, so that a setting given to the wrong type gets the core's word.
   */
  @Override
  public Options options() {
    return options(settingOptions().values());
  }

  /** The shared options only: each type's own are in its help ({@link #forParameters}). */
  @Override
  public Options helpOptions() {
    return options(List.of());
  }

  @Override
  public List<String> helpNotes() {
    List<String> types = new java.util.ArrayList<>();
    typeSettings()
        .forEach(
            (type, settings) ->
                types.add(
                    type
                        + (settings.isEmpty()
                            ? ": none"
                            : ": --" + String.join(", --", settings.keySet()))));
    return List.of(
        "Each sensor type takes device settings of its own; 'iotsys sensor add TYPE --help' shows"
            + " them ("
            + String.join("; ", types)
            + ").");
  }

  /** For {@code sensor add TYPE --help}: the shared options and that type's own, nothing else. */
  @Override
  public Command forParameters(List<String> params) {
    if (params.isEmpty() || !typeSettings().containsKey(params.get(0))) {
      return this;
    }
    String type = params.get(0);
    SensorAddCommand all = this;
    return new Command() {
      @Override
      public List<String> words() {
        return all.words();
      }

      @Override
      public String parameters() {
        return type + " NAME... --wifi-ssid SSID [--wifi-open]";
      }

      @Override
      public String summary() {
        return all.summary();
      }

      @Override
      public List<String> examples() {
        return all.examples().stream().filter(e -> e.contains(" add " + type + " ")).toList();
      }

      @Override
      public List<ErrorKind> exitCodes() {
        return all.exitCodes();
      }

      @Override
      public Options options() {
        return SensorAddCommand.options(typeSettings().get(type).values());
      }

      @Override
      public int run(CommandLine cl, List<String> params, Terminal io) {
        return all.run(cl, params, io);
      }
    };
  }

  private static Options options(java.util.Collection<Option> settings) {
    Options options =
        new Options().addOption(WIFI_SSID).addOption(WIFI_PASSWORD).addOption(WIFI_OPEN);
    settings.forEach(options::addOption);
    return options
        .addOption(OVERWRITE_PACKAGE)
        .addOption(NEW_CERTIFICATE)
        .addOption(InstallCommand.DRY_RUN);
  }

  /**
   * Each type's device settings as options, in the type's order, types sorted by id. Reading the
   * types makes no AWS call.
   */
  static java.util.Map<String, java.util.Map<String, Option>> typeSettings() {
    List<java.nio.file.Path> folders = Plugins.current().folders();
    var cached = typeSettings;
    if (cached != null && cached.getKey().equals(folders)) {
      return cached.getValue();
    }
    java.util.Map<String, java.util.Map<String, Option>> all = new java.util.LinkedHashMap<>();
    try (Iotsys iotsys = Plugins.builder().build()) {
      for (dev.iotsys.api.SensorTypeInfo t : iotsys.sensorTypes()) {
        java.util.Map<String, Option> own = new java.util.LinkedHashMap<>();
        for (dev.iotsys.api.SensorTypeInfo.Setting s : t.deviceSettings()) {
          own.put(
              s.name(),
              Option.builder()
                  .longOpt(s.name())
                  .hasArg()
                  .argName(s.argName())
                  .desc(s.description())
                  .get());
        }
        all.put(t.id(), java.util.Collections.unmodifiableMap(own));
      }
    }
    typeSettings = java.util.Map.entry(folders, all);
    return all;
  }

  /**
   * Every device setting a sensor type declares, once by name, for parsing: a value given to a type
   * that does not take it is refused by the core, which names the type's own.
   */
  static java.util.Map<String, Option> settingOptions() {
    java.util.Map<String, Option> options = new java.util.LinkedHashMap<>();
    typeSettings().values().forEach(settings -> settings.forEach(options::putIfAbsent));
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
