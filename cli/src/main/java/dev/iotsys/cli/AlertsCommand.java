package dev.iotsys.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.AlertsResult;
import dev.iotsys.api.AlertsStatus;
import dev.iotsys.api.AlertsStatus.Alarm;
import dev.iotsys.api.AlertsStatus.SensorAlerts;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.SetAlertsRequest;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code iotsys alerts enable|set|list|disable}: e-mails when a sensor goes silent or a reading
 * leaves its range, on CloudWatch alarms and one SNS topic.
 */
final class AlertsCommand implements Command {
  static final Option EMAIL =
      Option.builder()
          .longOpt("email")
          .hasArg()
          .argName("ADDRESS")
          .desc("an address to e-mail (repeat for several); exactly these get alerts")
          .get();
  static final Option SILENT_AFTER =
      Option.builder()
          .longOpt("silent-after")
          .hasArg()
          .argName("WINDOW")
          .desc("no reading for this long alarms, 10m to 24h" + " (default: 30m)")
          .get();
  static final Option ABOVE =
      Option.builder()
          .longOpt("above")
          .hasArg()
          .argName("X")
          .desc("alarm when the measure goes above X")
          .get();
  static final Option BELOW =
      Option.builder()
          .longOpt("below")
          .hasArg()
          .argName("Y")
          .desc("alarm when the measure goes below Y")
          .get();
  static final Option MEASURE =
      Option.builder()
          .longOpt("measure")
          .hasArg()
          .argName("MEASURE")
          .desc(
              "the measure --above, --below and --clear are for (needed when the"
                  + " sensor has several)")
          .get();
  static final Option CLEAR =
      Option.builder().longOpt("clear").desc("drop the thresholds not given in this command").get();
  static final Option ARM =
      Option.builder()
          .longOpt("arm")
          .desc("let the silence alarm notify now, before a first reading arrived")
          .get();

  private enum Verb {
    ENABLE,
    SET,
    LIST,
    DISABLE
  }

  private final Verb verb;

  private AlertsCommand(Verb verb) {
    this.verb = verb;
  }

  static AlertsCommand enable() {
    return new AlertsCommand(Verb.ENABLE);
  }

  static AlertsCommand set() {
    return new AlertsCommand(Verb.SET);
  }

  static AlertsCommand list() {
    return new AlertsCommand(Verb.LIST);
  }

  static AlertsCommand disable() {
    return new AlertsCommand(Verb.DISABLE);
  }

  @Override
  public List<String> words() {
    return List.of("alerts", verb.name().toLowerCase(Locale.ROOT));
  }

  @Override
  public String parameters() {
    return switch (verb) {
      case ENABLE -> "[--email ADDRESS]...";
      case SET -> "NAME [--silent-after 30m] [--above X] [--below Y] [--clear] [--arm]";
      case LIST, DISABLE -> "";
    };
  }

  @Override
  public String summary() {
    return switch (verb) {
      case ENABLE -> "e-mail when a sensor goes silent: topic, subscriptions, metrics, alarms";
      case SET -> "one sensor's alerts: silence window, thresholds, arming";
      case LIST -> "each sensor's alarms and state, and unconfirmed subscriptions (read only)";
      case DISABLE -> "remove everything alerts made";
    };
  }

  @Override
  public List<String> examples() {
    return switch (verb) {
      case ENABLE ->
          List.of(
              "iotsys alerts enable --email me@example.com",
              "iotsys alerts enable --email me@example.com --email you@example.com --dry-run",
              "iotsys alerts enable   (once enabled: keeps the subscriptions as they are)");
      case SET ->
          List.of(
              "iotsys alerts set kitchen --above 30 --below 5",
              "iotsys alerts set kitchen --silent-after 2h",
              "iotsys alerts set kitchen --arm");
      case LIST -> List.of("iotsys alerts list", "iotsys alerts list --output json");
      case DISABLE -> List.of("iotsys alerts disable --dry-run", "iotsys alerts disable");
    };
  }

  @Override
  public List<ErrorKind> exitCodes() {
    return verb == Verb.LIST ? AWS_FAILURES : Command.awsFailuresAnd(ErrorKind.PRECONDITION);
  }

  @Override
  public java.util.Set<String> repeatable() {
    return verb == Verb.ENABLE ? java.util.Set.of(EMAIL.getLongOpt()) : java.util.Set.of();
  }

  @Override
  public Options options() {
    Options options = new Options();
    switch (verb) {
      case ENABLE -> options.addOption(EMAIL).addOption(InstallCommand.DRY_RUN);
      case SET ->
          options
              .addOption(SILENT_AFTER)
              .addOption(ABOVE)
              .addOption(BELOW)
              .addOption(MEASURE)
              .addOption(CLEAR)
              .addOption(ARM)
              .addOption(InstallCommand.DRY_RUN);
      case DISABLE -> options.addOption(InstallCommand.DRY_RUN);
      case LIST -> {}
    }
    return options;
  }

  @Override
  public int run(CommandLine cl, List<String> params, Terminal io) {
    boolean dryRun = cl.hasOption(InstallCommand.DRY_RUN);
    if (verb == Verb.LIST) {
      Arguments.none(params, name());
      try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
        AlertsStatus alerts = iotsys.listAlerts();
        if (io.json()) {
          ObjectNode doc = Json.object().put("command", name());
          json(doc, alerts);
          Json.apiCalls(doc, iotsys.apiCalls());
          io.out().println(Json.text(doc));
        } else {
          text(alerts, io);
          io.out()
              .println(
                  summary(alerts)
                      + " (AWS calls: "
                      + iotsys.apiCalls().read()
                      + " read, "
                      + iotsys.apiCalls().write()
                      + " write)");
        }
      }
      return 0;
    }
    SetAlertsRequest request = null;
    List<String> emails = List.of();
    if (verb == Verb.SET) {
      request =
          new SetAlertsRequest(
              Arguments.exactlyOne(params, name(), "NAME"),
              Optional.ofNullable(cl.getOptionValue(MEASURE)),
              Optional.ofNullable(cl.getOptionValue(SILENT_AFTER)),
              number(cl, ABOVE),
              number(cl, BELOW),
              cl.hasOption(CLEAR),
              cl.hasOption(ARM),
              dryRun);
    } else {
      Arguments.none(params, name());
      if (verb == Verb.ENABLE && cl.hasOption(EMAIL)) {
        emails = List.of(cl.getOptionValues(EMAIL));
      }
    }
    ResourceOutput output = new ResourceOutput(io);
    try (Iotsys iotsys = GlobalOptions.iotsys(cl, io.env())) {
      AlertsResult result =
          switch (verb) {
            case ENABLE -> iotsys.enableAlerts(emails, dryRun, output);
            case SET -> iotsys.setAlerts(request, output);
            default -> iotsys.disableAlerts(dryRun, output);
          };
      output.finish(name(), result);
    }
    return 0;
  }

  private static Optional<BigDecimal> number(CommandLine cl, Option option) {
    String value = cl.getOptionValue(option);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(value));
    } catch (NumberFormatException e) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --"
              + option.getLongOpt()
              + " '"
              + IotsysException.shown(value)
              + "': give a number, e.g. 30 or -5.5");
    }
  }

  /** Subscriptions, then one line per alarm, and a line for a sensor without one. */
  static void text(AlertsStatus alerts, Terminal io) {
    if (!alerts.enabled()) {
      return;
    }
    TextTable table = new TextTable();
    for (AlertsStatus.Subscription s : alerts.subscriptions()) {
      table.row(
          s.pending() ? "PENDING" : "CONFIRMED",
          "sns-subscription",
          s.address() + (s.pending() ? " (awaits the click on the link AWS e-mailed)" : ""));
    }
    for (SensorAlerts s : alerts.sensors()) {
      if (s.alarms().isEmpty()) {
        table.row(
            "NONE",
            "sensor " + s.sensor(),
            "no alarm: 'iotsys alerts enable' gives it its silence alarm");
      }
      for (Alarm a : s.alarms()) {
        String state =
            a.state() == AlertsStatus.AlarmState.INSUFFICIENT_DATA ? "NO_DATA" : a.state().name();
        table.row(state, "cloudwatch-alarm", a.name() + " (" + setting(s, a) + ")");
      }
    }
    table.print(io.out());
  }

  static String setting(SensorAlerts s, Alarm a) {
    return switch (a.kind()) {
      case SILENT ->
          "no reading for "
              + s.silentAfter().map(AlertsCommand::window).orElse("?")
              + (s.armed()
                  ? ", armed"
                  : ", not armed: 'iotsys alerts set " + s.sensor() + " --arm'");
      case ABOVE ->
          a.measure().orElse("?")
              + " above "
              + a.threshold().map(BigDecimal::toPlainString).orElse("?");
      case BELOW ->
          a.measure().orElse("?")
              + " below "
              + a.threshold().map(BigDecimal::toPlainString).orElse("?");
    };
  }

  static String summary(AlertsStatus alerts) {
    if (!alerts.enabled()) {
      return "alerts: not enabled; 'iotsys alerts enable --email ADDRESS' sets them up";
    }
    int sensors = alerts.sensors().size();
    int firing = alerts.inAlarm().size();
    int pending = alerts.pending().size();
    return "alerts: "
        + Summary.count(sensors, "sensor")
        + ", "
        + Summary.count(firing, "alarm")
        + " in ALARM, "
        + Summary.count(alerts.subscriptions().size(), "subscription")
        + (pending > 0 ? " (" + pending + " awaiting confirmation)" : "");
  }

  private static String window(java.time.Duration d) {
    long minutes = d.toMinutes();
    return minutes % 60 == 0 ? (minutes / 60) + "h" : minutes + "m";
  }

  /** The alerts as JSON fields of {@code doc}. */
  static void json(ObjectNode doc, AlertsStatus alerts) {
    doc.put("enabled", alerts.enabled());
    doc.put("topic", alerts.topicArn().orElse(null));
    ArrayNode subscriptions = doc.putArray("subscriptions");
    alerts
        .subscriptions()
        .forEach(
            s -> subscriptions.addObject().put("address", s.address()).put("pending", s.pending()));
    ArrayNode sensors = doc.putArray("sensors");
    for (SensorAlerts s : alerts.sensors()) {
      ObjectNode node =
          sensors
              .addObject()
              .put("name", s.sensor())
              .put("type", s.typeId())
              .put("armed", s.armed());
      node.put("silentAfter", s.silentAfter().map(AlertsCommand::window).orElse(null));
      ArrayNode alarms = node.putArray("alarms");
      for (Alarm a : s.alarms()) {
        ObjectNode alarm =
            alarms
                .addObject()
                .put("name", a.name())
                .put("kind", a.kind().name())
                .put("measure", a.measure().orElse(null));
        if (a.threshold().isPresent()) {
          alarm.put("threshold", a.threshold().get());
        } else {
          alarm.putNull("threshold");
        }
        alarm.put("state", a.state().name()).put("actionsEnabled", a.actionsEnabled());
      }
    }
  }
}
