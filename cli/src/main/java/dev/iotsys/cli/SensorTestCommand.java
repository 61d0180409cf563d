package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.SensorTestRequest;
import dev.iotsys.api.SensorTestResult;
import dev.iotsys.api.SensorTestResult.LinkCheck;
import dev.iotsys.api.SensorTestResult.Publish;
import dev.iotsys.api.SensorTestResult.Verdict;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code iotsys sensor test [TYPE] NAME}: acts as the sensor's board with its own package and
 * prints one line per link, each with its verdict; the first failure is also the one error line on
 * standard error, and its link's exit code (10 to 16) is the command's.
 */
final class SensorTestCommand implements Command {
  static final Option VALUE =
      Option.builder()
          .longOpt("value")
          .hasArg()
          .argName("NUMBER")
          .desc(
              "the reading sent for the type's first measure (default: the middle of its"
                  + " plausible range, as every other measure gets)")
          .get();
  static final Option WAIT =
      Option.builder()
          .longOpt("wait")
          .hasArg()
          .argName("DURATION")
          .desc(
              "how long to look for the reading in the store, e.g. 30s; 0 stops after the PUBACK"
                  + " (default: 30s)")
          .get();
  static final Option ENDPOINT =
      Option.builder()
          .longOpt("endpoint")
          .hasArg()
          .argName("HOST:PORT")
          .desc(
              "connect here instead of the package's endpoint; port 443 offers ALPN"
                  + " x-amzn-mqtt-ca")
          .get();
  static final Option CA_FILE =
      Option.builder()
          .longOpt("ca-file")
          .hasArg()
          .argName("PEM")
          .desc(
              "check the server against these CA certificates instead of the board's (default: as"
                  + " the board: the package's CA certificates, or no check for a board that makes"
                  + " none)")
          .get();
  static final Option COUNT =
      Option.builder()
          .longOpt("count")
          .hasArg()
          .argName("N")
          .desc("publish N drifting readings, a simulated sensor (default: 1)")
          .get();
  static final Option INTERVAL =
      Option.builder()
          .longOpt("interval")
          .hasArg()
          .argName("DURATION")
          .desc("time between readings with --count (default: 60s)")
          .get();
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})(ms|s|m|h)?");

  @Override
  public List<String> words() {
    return List.of("sensor", "test");
  }

  @Override
  public String parameters() {
    return "[TYPE] NAME";
  }

  @Override
  public String summary() {
    return "act as the sensor's board: connect, publish, find the reading in the store";
  }

  @Override
  public List<String> examples() {
    return List.of(
        "iotsys sensor test kitchen   # against AWS IoT, before flashing the board",
        "iotsys sensor test kitchen --endpoint localhost:8883 --ca-file ca.pem --wait 0",
        "iotsys sensor test kitchen --count 60 --interval 60s   # a simulated sensor for an hour");
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return Command.awsFailuresAnd(
        ErrorKind.PRECONDITION,
        ErrorKind.PACKAGE_UNUSABLE,
        ErrorKind.DEVICE_UNREACHABLE,
        ErrorKind.SERVER_NOT_TRUSTED,
        ErrorKind.CERTIFICATE_REFUSED,
        ErrorKind.CONNECT_REFUSED,
        ErrorKind.PUBLISH_REFUSED,
        ErrorKind.NOT_STORED);
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(VALUE)
        .addOption(WAIT)
        .addOption(ENDPOINT)
        .addOption(CA_FILE)
        .addOption(COUNT)
        .addOption(INTERVAL);
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    if (params.isEmpty() || params.size() > 2) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          params.isEmpty()
              ? "Missing NAME for sensor test"
              : "Unexpected argument '" + params.get(2) + "' for sensor test");
    }
    SensorTestRequest request = SensorTestRequest.of(params.get(params.size() - 1));
    if (params.size() == 2) {
      request = request.withType(params.get(0));
    }
    if (cl.hasOption(VALUE)) {
      request = request.withValue(value(cl.getOptionValue(VALUE)));
    }
    if (cl.hasOption(WAIT)) {
      request = request.withWait(duration(WAIT, cl.getOptionValue(WAIT)));
    }
    if (cl.hasOption(ENDPOINT)) {
      request = request.withEndpoint(cl.getOptionValue(ENDPOINT));
    }
    if (cl.hasOption(CA_FILE)) {
      request = request.withCaFile(path(cl.getOptionValue(CA_FILE)));
    }
    if (cl.hasOption(INTERVAL) && !cl.hasOption(COUNT)) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "--interval applies only with --count");
    }
    if (cl.hasOption(COUNT)) {
      request =
          request.withReadings(
              count(cl.getOptionValue(COUNT)),
              cl.hasOption(INTERVAL)
                  ? duration(INTERVAL, cl.getOptionValue(INTERVAL))
                  : SensorTestRequest.DEFAULT_INTERVAL);
    }
    SensorTestResult result;
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      result = iotsys.testSensor(request, progress(io, request.count()));
    }
    if (io.json()) {
      io.out().println(json(result, GlobalOptions.homeFolder(cl, io.env())));
    } else {
      text(result, io, GlobalOptions.homeFolder(cl, io.env()));
    }
    result
        .failure()
        .ifPresent(
            f ->
                io.err()
                    .println(
                        "iotsys: sensor test "
                            + result.sensor()
                            + " failed at "
                            + f.link().id()
                            + ": "
                            + f.detail()));
    return result.errorKind().map(ErrorKind::exitCode).orElse(0);
  }

  static BigDecimal value(String text) {
    try {
      if (text.matches("-?[0-9]{1,6}(\\.[0-9]{1,6})?")) {
        return new BigDecimal(text);
      }
    } catch (NumberFormatException ignored) {
      // Falls through to the message below.
    }
    throw new IotsysException(
        ErrorKind.INVALID_INPUT,
        "Invalid --value '" + IotsysException.shown(text) + "': give a number, e.g. 21.5");
  }

  /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}; a bare number is seconds. */
  static Duration duration(Option option, String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --"
              + option.getLongOpt()
              + " '"
              + IotsysException.shown(text)
              + "': give a number and ms, s, m or h, e.g. 30s");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofSeconds(n);
    };
  }

  private static int count(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --count '" + IotsysException.shown(text) + "': give a whole number, 1 to 10000");
    }
  }

  /** The CA file, which must be there: checked here, where its name is shown as given. */
  private static Path path(String text) {
    Path file;
    try {
      file = Path.of(text).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT, "Invalid --ca-file '" + IotsysException.shown(text) + "'");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Cannot read --ca-file '"
              + IotsysException.shown(text)
              + "': "
              + (Files.exists(file) ? "not a readable file" : "no such file"));
    }
    return file;
  }

  /**
   * On a terminal (stderr): each reading as a simulated sensor sends it, and the wait for the
   * store, so that neither looks like a hang.
   */
  private static IotsysListener progress(Terminal io, int count) {
    if (io.json() || !io.interactive()) {
      return IotsysListener.NONE;
    }
    return event -> {
      if (event instanceof IotsysEvent.Published p && count > 1) {
        io.err()
            .printf(
                "[%d/%d] %s  %s%n",
                p.publish().index(), p.count(), p.publish().sentAt(), p.publish().payload());
      } else if (event instanceof IotsysEvent.Note n) {
        io.err().println(n.message() + " ...");
      }
    };
  }

  private static void text(SensorTestResult result, Terminal io, Path home) {
    io.out()
        .println(
            "sensor test "
                + result.sensor()
                + " ("
                + result.typeId()
                + ", package "
                + SensorCommand.shown(home, result.packageFolder())
                + ")"
                + result
                    .connection()
                    .map(
                        c ->
                            ": "
                                + c.host()
                                + ":"
                                + c.port()
                                + " as "
                                + c.clientId()
                                + ", topic "
                                + c.topic())
                    .orElse(""));
    for (LinkCheck check : result.links()) {
      io.out()
          .printf(
              "  %-4s  %-18s  %s%n", verdict(check.verdict()), check.link().id(), check.detail());
    }
    long passed = result.links().stream().filter(l -> l.verdict() == Verdict.PASSED).count();
    io.out()
        .println(
            "sensor test "
                + result.sensor()
                + ": "
                + (result.passed()
                    ? "passed ("
                        + passed
                        + " of "
                        + result.links().size()
                        + " links checked, "
                        + Summary.count(result.publishes().size(), "reading")
                        + " sent)"
                    : "failed at "
                        + result.failure().get().link().id()
                        + " (exit code "
                        + result.errorKind().map(ErrorKind::exitCode).orElse(1)
                        + ")"));
  }

  private static String verdict(Verdict v) {
    return switch (v) {
      case PASSED -> "ok";
      case FAILED -> "FAIL";
      case NOT_CHECKED -> "-";
    };
  }

  static String json(SensorTestResult result, Path home) {
    ObjectNode doc = Json.object();
    doc.put("command", "sensor test");
    doc.put("sensor", result.sensor());
    doc.put("type", result.typeId());
    doc.put("package", SensorCommand.shown(home, result.packageFolder()));
    doc.put("passed", result.passed());
    doc.put("exitCode", result.errorKind().map(ErrorKind::exitCode).orElse(0));
    result
        .connection()
        .ifPresentOrElse(
            c -> {
              ObjectNode node = doc.putObject("connection");
              node.put("host", c.host());
              node.put("port", c.port());
              node.put("clientId", c.clientId());
              node.put("topic", c.topic());
              node.put("keepaliveSeconds", c.keepaliveSeconds());
              node.put("alpn", c.alpn().orElse(null));
            },
            () -> doc.putNull("connection"));
    ArrayNode links = doc.putArray("links");
    for (LinkCheck check : result.links()) {
      ObjectNode node = links.addObject();
      node.put("link", check.link().id());
      node.put("verdict", check.verdict().name());
      node.put("detail", check.detail());
      node.put("exitCode", check.errorKind().map(ErrorKind::exitCode).orElse(0));
    }
    ArrayNode publishes = doc.putArray("readings");
    for (Publish p : result.publishes()) {
      ObjectNode node = publishes.addObject().put("index", p.index()).put("value", p.value());
      ObjectNode values = node.putObject("values");
      p.values().forEach(values::put);
      node.put("payload", p.payload())
          .put("sentAt", p.sentAt().toString())
          .put("pubackMillis", p.acknowledgedAfter().toMillis());
    }
    Optional<LinkCheck> failure = result.failure();
    if (failure.isPresent()) {
      doc.putObject("failure")
          .put("link", failure.get().link().id())
          .put("message", failure.get().detail())
          .put("exitCode", failure.get().errorKind().map(ErrorKind::exitCode).orElse(1));
    } else {
      doc.putNull("failure");
    }
    return Json.text(doc);
  }
}
