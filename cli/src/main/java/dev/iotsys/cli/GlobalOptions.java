package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Home;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The options every command takes, and how they become an {@link Iotsys}. */
final class GlobalOptions {
  static final Option REGION =
      Option.builder()
          .longOpt("region")
          .hasArg()
          .argName("REGION")
          .desc("AWS region (default: AWS_REGION or the profile's)")
          .get();
  static final Option PROFILE =
      Option.builder()
          .longOpt("profile")
          .hasArg()
          .argName("NAME")
          .desc("AWS profile for credentials and region (default: AWS_PROFILE)")
          .get();
  static final Option ENDPOINT =
      Option.builder()
          .longOpt("endpoint-url")
          .hasArg()
          .argName("URL")
          .desc(
              "one endpoint for every AWS service, e.g. a local emulator (default: AWS_ENDPOINT_URL)")
          .get();
  static final Option OUTPUT =
      Option.builder()
          .longOpt("output")
          .hasArg()
          .argName("FORMAT")
          .desc("output format: text, json, or csv for data (default: text)")
          .get();
  static final Option VERBOSE =
      Option.builder("v").longOpt("verbose").desc("show stack traces of failures").get();
  static final Option HOME =
      Option.builder()
          .longOpt("home")
          .hasArg()
          .argName("DIR")
          .desc(
              "the fleet's folder: certificates/, sensor-TYPE/sensors/ and .iotsys/settings.json"
                  + " (default: IOTSYS_HOME, else the nearest folder from here up with settings, else"
                  + " the current one)")
          .get();

  /** The environment variable that names the home folder. */
  static final String HOME_ENV = "IOTSYS_HOME";

  static final Option HELP = Option.builder("h").longOpt("help").desc("show this help").get();
  static final Option VERSION = Option.builder().longOpt("version").desc("print the version").get();

  /** The environment variable that bounds each AWS call, in seconds. */
  static final String TIMEOUT_ENV = "IOTSYS_AWS_TIMEOUT";

  private GlobalOptions() {}

  static void addTo(Options options) {
    options
        .addOption(REGION)
        .addOption(PROFILE)
        .addOption(ENDPOINT)
        .addOption(OUTPUT)
        .addOption(HOME)
        .addOption(VERBOSE)
        .addOption(HELP)
        .addOption(VERSION);
  }

  /** A new set of the global options, for a command to add its own to. */
  static Options options() {
    Options options = new Options();
    addTo(options);
    return options;
  }

  static Terminal.Format format(CommandLine cl) {
    String output = cl.getOptionValue(OUTPUT, "text");
    return switch (output) {
      case "text" -> Terminal.Format.TEXT;
      case "json" -> Terminal.Format.JSON;
      case "csv" -> Terminal.Format.CSV;
      default ->
          throw new IotsysException(
              ErrorKind.INVALID_INPUT,
              "Unknown --output '"
                  + IotsysException.shown(output)
                  + "': use text or json"
                  + " (or csv for 'data')");
    };
  }

  /**
   * An iotsys configured from the options, else the home's settings, else the SDK's own environment
   * variables and profile chain.
   */
  static Iotsys iotsys(CommandLine cl, Map<String, String> env) {
    Home home = home(cl, env);
    Home.Settings settings = home.settings();
    Iotsys.Builder builder = Plugins.builder().home(home);
    String region = cl.getOptionValue(REGION, settings.region());
    if (region != null) {
      builder.region(region(region));
    }
    String profile = cl.getOptionValue(PROFILE, settings.profile());
    if (profile != null) {
      builder.profile(profile);
    }
    callTimeout(env).ifPresent(builder::callTimeout);
    String endpoint = cl.getOptionValue(ENDPOINT, env.get("AWS_ENDPOINT_URL"));
    if (endpoint != null && !endpoint.isBlank()) {
      builder.endpoint(endpoint(endpoint));
    }
    return builder.build();
  }

  /** {@value #TIMEOUT_ENV}: the longest one AWS call may take, in seconds (default 10). */
  static Optional<Duration> callTimeout(Map<String, String> env) {
    String value = env.get(TIMEOUT_ENV);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      double seconds = Double.parseDouble(value.trim());
      if (seconds >= 0.1 && seconds <= 600) {
        return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IotsysException(
        ErrorKind.INVALID_INPUT,
        "Invalid "
            + TIMEOUT_ENV
            + " '"
            + IotsysException.shown(value)
            + "': give seconds, 0.1 to 600 (default 10)");
  }

  /** A region as AWS names them, e.g. eu-west-1; checked before any call. */
  static String region(String region) {
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}")) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --region '" + IotsysException.shown(region) + "', e.g. eu-west-1");
    }
    return region;
  }

  /** The home: --home, else IOTSYS_HOME, else found from the current folder up. */
  static Home home(CommandLine cl, Map<String, String> env) {
    return Home.find(
        Optional.ofNullable(cl.getOptionValue(HOME)).map(v -> folder(v, "--home")),
        Optional.ofNullable(env.get(HOME_ENV))
            .filter(v -> !v.isBlank())
            .map(v -> folder(v, HOME_ENV)),
        Path.of(System.getProperty("user.dir")));
  }

  /** The home's folder, as {@link #home(CommandLine, Map)} finds it. */
  static Path homeFolder(CommandLine cl, Map<String, String> env) {
    return home(cl, env).folder();
  }

  private static Path folder(String value, String where) {
    try {
      return Path.of(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "Invalid " + where + " '" + IotsysException.shown(value) + "'");
    }
  }

  static URI endpoint(String value) {
    try {
      URI uri = new URI(value);
      if ((!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new URISyntaxException(value, "not an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --endpoint-url '"
              + IotsysException.shown(value)
              + "': give an http:// or https:// URL");
    }
  }
}
