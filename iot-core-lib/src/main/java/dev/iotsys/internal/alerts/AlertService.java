package dev.iotsys.internal.alerts;

import dev.iotsys.api.AlertsResult;
import dev.iotsys.api.AlertsStatus;
import dev.iotsys.api.AlertsStatus.AlarmKind;
import dev.iotsys.api.AlertsStatus.AlarmState;
import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.SetAlertsRequest;
import dev.iotsys.internal.InstalledStore;
import dev.iotsys.internal.Names;
import dev.iotsys.internal.SensorInventory;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.internal.StoreRegistry;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.cloudwatch.AlarmResource;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.internal.iot.TopicRuleResource;
import dev.iotsys.internal.sns.EmailSubscriptionResource;
import dev.iotsys.internal.sns.TopicResource;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.SensorType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.TopicRule;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * {@code iotsys alerts enable|set|list|disable}, and what alerts add to uninstall and status (to
 * {@code sensor add} and {@code remove}: {@link SensorAlarms}). Everything goes through the {@link
 * ConvergeEngine}, so every command has its dry run, and a second run that finds nothing to do
 * writes nothing.
 *
 * <p>A new sensor's silence alarm starts unarmed (ActionsEnabled off): a board that has not been
 * flashed yet sends nothing, and must not page anyone. It is armed by {@code alerts set NAME
 * --arm}, or by {@code alerts enable} or {@code alerts set} once the sensor's store holds a reading
 * of it from the last 30 days (read through the store contract, so on either store). Read-only
 * commands ({@code alerts list}, {@code status}) arm nothing.
 */
public final class AlertService {
  /** How far back a reading counts as "the board works" for arming. */
  static final Duration READING_WINDOW = Duration.ofDays(30);

  /** A topic rule takes at most ten actions: one per measure. */
  static final int MAX_MEASURES = 10;

  /**
   * An address as people write them: a local part of letters, digits and the characters RFC 5322
   * allows unquoted ({@code !#$%&'*+/=?^_`{|}~-} and inner dots), then a domain of at least two
   * labels of letters, digits and inner hyphens. Quotes, angle brackets, parentheses, commas and
   * spaces are refused: an address with them is a mistake or markup (a@example.com"><script>), and
   * SNS would e-mail whatever it was given.
   */
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+"
              + "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  private static final Pattern MEASURE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
  private final AwsClients clients;
  private final StoreRegistry stores;
  private final SensorTypeRegistry registry;
  private final SensorInventory inventory;
  private final AlertStack stack;

  /** The home folder, where the sensors' device packages are. */
  private final java.nio.file.Path home;

  public AlertService(
      AwsClients clients,
      StoreRegistry stores,
      SensorTypeRegistry registry,
      SensorInventory inventory,
      java.nio.file.Path home) {
    this.home = home;
    this.clients = clients;
    this.stores = stores;
    this.registry = registry;
    this.inventory = inventory;
    this.stack = new AlertStack(clients);
  }

  /**
   * A type's reading interval, for the default window of an alarm that says none of its own; a type
   * no longer on the class path counts as the most common, five minutes.
   */
  private Duration interval(String typeId) {
    return registry.all().stream()
        .filter(t -> t.id().equals(typeId))
        .findFirst()
        .map(SensorType::readingInterval)
        .orElse(Duration.ofMinutes(5));
  }

  /** A sensor type whose readings rule exists, with what that rule says of its store. */
  private record Installed(SensorType type, InstalledStore store) {
    List<String> measures() {
      return type.measures().stream().map(Measure::name).toList();
    }
  }

  /**
   * The topic, the subscriptions of {@code emails} (exactly these: others are unsubscribed; none
   * given keeps the topic's as they are), each installed type's metrics rule and role, and each
   * sensor's alarms as its settings say (a sensor without any gets a silence alarm).
   */
  public AlertsResult enable(List<String> emails, boolean dryRun, IotsysListener listener) {
    List<String> addresses = addresses(emails);
    ApiCalls before = clients.counter().totals();
    TopicResource topic = stack.topic();
    Optional<Map<String, String>> topicState = ConvergeEngine.read(topic);
    if (topicState.isEmpty() && addresses.isEmpty()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Alerts are not enabled yet: name the" + " addresses to e-mail with --email ADDRESS");
    }
    List<Installed> types = installed();
    if (types.isEmpty()) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "No sensor type is installed in this"
              + " AWS account and region: run 'iotsys install --db NAME' first");
    }
    for (Installed t : types) {
      requireFewMeasures(t.type());
    }
    String topicArn = stack.topicArn();
    List<Subscription> listed = topicState.isPresent() ? stack.subscriptions(topicArn) : List.of();
    Map<String, MetricAlarm> alarms = stack.listAlarms(AlertNames.ALARM_PREFIX);
    IotClient iot = dryRun ? clients.iot() : clients.iotWithPatch();

    List<Resource<?>> wanted = new ArrayList<>();
    wanted.add(topic.knownToBe(topicState));
    for (String address : addresses) {
      wanted.add(stack.subscription(address).knownToBe(listedState(listed, address)));
    }
    for (Installed t : types) {
      wanted.add(stack.metricsRole(t.type()));
      wanted.add(stack.metricsRule(t.type(), iot));
    }
    Set<String> kept = new HashSet<>();
    Set<String> namespaces = new HashSet<>();
    List<String> unarmed = new ArrayList<>();
    for (Installed t : types) {
      namespaces.add(AlertNames.namespace(t.type().id()));
      List<String> names = inventory.sensorsOf(t.type().id());
      Set<String> reporting =
          reporting(
              t,
              names.stream()
                  .filter(n -> !AlertStack.armed(alarms.get(AlertNames.silence(n))))
                  .toList());
      for (String name : names) {
        Map<String, MetricAlarm> own = AlertStack.ofSensor(alarms, name);
        boolean arm = reporting.contains(name);
        List<AlarmResource> sensorAlarms =
            stack.alarms(
                t.type(),
                name,
                AlertSettings.of(
                    List.copyOf(own.values()), t.measures(), t.type().readingInterval()),
                arm,
                topicArn,
                own);
        sensorAlarms.forEach(a -> kept.add(a.name()));
        wanted.addAll(sensorAlarms);
        if (!arm && !AlertStack.armed(own.get(AlertNames.silence(name)))) {
          unarmed.add(name);
        }
      }
    }
    List<Resource<?>> unwanted = new ArrayList<>();
    if (!addresses.isEmpty()) {
      for (Subscription s : listed) {
        if (!addresses.contains(s.endpoint())) {
          unwanted.add(
              stack
                  .subscription(s.endpoint())
                  .knownToBe(
                      Optional.of(new EmailSubscriptionResource.State(s.subscriptionArn()))));
        }
      }
    }
    // Alarms of sensors that are gone, and thresholds no longer in a sensor's settings; alarms
    // of types this build does not know stay (another machine may have their modules).
    for (MetricAlarm alarm : alarms.values()) {
      if (!kept.contains(alarm.alarmName()) && namespaces.contains(alarm.namespace())) {
        unwanted.add(AlarmResource.existing(stack.cloudWatch(), alarm));
      }
    }
    ConvergeEngine engine = new ConvergeEngine(listener);
    List<ResourceResult> results = new ArrayList<>(engine.converge(wanted, dryRun));
    results.addAll(engine.remove(unwanted, false, dryRun));
    boolean subscribed =
        results.stream()
            .anyMatch(r -> r.kind().equals("sns-subscription") && r.outcome() == Outcome.CREATED);
    // A new subscription is pending on AWS until its link is clicked; an emulator may confirm it
    // at once. Listing again (only then) says which it is, so the note is true on both.
    noteSubscriptions(
        results, subscribed && !dryRun ? stack.subscriptions(topicArn) : listed, listener, dryRun);
    noteUnarmed(unarmed, listener);
    return new AlertsResult(dryRun, results, clients.counter().since(before));
  }

  /** One sensor's settings: the silence window, thresholds, arming. */
  public AlertsResult set(SetAlertsRequest request, IotsysListener listener) {
    String sensor = Names.thingName(request.sensor());
    Optional<Duration> window =
        request.silentAfter().map(w -> AlertSettings.window(w, "silent-after"));
    Optional<BigDecimal> above = request.above().map(v -> AlertSettings.threshold(v, "above"));
    Optional<BigDecimal> below = request.below().map(v -> AlertSettings.threshold(v, "below"));
    request
        .measure()
        .ifPresent(
            m -> {
              if (!MEASURE.matcher(m).matches()) {
                throw new IotsysException(
                    ErrorKind.INVALID_INPUT, "Invalid --measure '" + Names.printable(m) + "'");
              }
            });
    if (!request.asksForAChange()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Nothing to set for "
              + sensor
              + ": give --silent-after, --above, --below, --clear or --arm");
    }
    if (above.isPresent() && below.isPresent() && below.get().compareTo(above.get()) >= 0) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "--below "
              + AlertSettings.plain(below.get())
              + " must be less than --above "
              + AlertSettings.plain(above.get()));
    }
    ApiCalls before = clients.counter().totals();
    if (ConvergeEngine.read(stack.topic()).isEmpty()) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "Alerts are not enabled: run 'iotsys" + " alerts enable --email ADDRESS' first");
    }
    Installed t = typeOf(sensor);
    String measure = measure(t, sensor, request.measure(), above.isPresent() || below.isPresent());
    Map<String, MetricAlarm> own =
        AlertStack.ofSensor(stack.listAlarms(AlertNames.sensorPrefix(sensor)), sensor);
    AlertSettings settings =
        AlertSettings.of(List.copyOf(own.values()), t.measures(), t.type().readingInterval());
    if (request.clear()) {
      settings = settings.clearing(request.measure());
    }
    if (window.isPresent()) {
      settings = settings.withSilentAfter(window.get());
    }
    if (above.isPresent()) {
      settings = settings.with(AlarmKind.ABOVE, measure, above.get());
    }
    if (below.isPresent()) {
      settings = settings.with(AlarmKind.BELOW, measure, below.get());
    }
    for (String m : settings.measures()) {
      BigDecimal a = settings.above().get(m);
      BigDecimal b = settings.below().get(m);
      if (a != null && b != null && b.compareTo(a) >= 0) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            sensor
                + "'s "
                + m
                + " would be"
                + " alarmed below "
                + AlertSettings.plain(b)
                + " and above "
                + AlertSettings.plain(a)
                + ", always: the lower threshold must be less than the upper one");
      }
    }
    boolean armedNow = AlertStack.armed(own.get(AlertNames.silence(sensor)));
    boolean arm = request.arm() || !armedNow && reporting(t, List.of(sensor)).contains(sensor);
    List<AlarmResource> wanted =
        stack.alarms(t.type(), sensor, settings, arm, stack.topicArn(), own);
    Set<String> kept = new HashSet<>();
    wanted.forEach(a -> kept.add(a.name()));
    List<Resource<?>> unwanted = new ArrayList<>();
    for (MetricAlarm alarm : own.values()) {
      if (!kept.contains(alarm.alarmName())) {
        unwanted.add(AlarmResource.existing(stack.cloudWatch(), alarm));
      }
    }
    ConvergeEngine engine = new ConvergeEngine(listener);
    List<ResourceResult> results = new ArrayList<>(engine.converge(wanted, request.dryRun()));
    results.addAll(engine.remove(unwanted, false, request.dryRun()));
    if (!arm && !armedNow) {
      noteUnarmed(List.of(sensor), listener);
    }
    List<java.nio.file.Path> rewritten =
        request.dryRun() ? List.of() : packageThresholds(t.type(), sensor, settings, listener);
    return new AlertsResult(request.dryRun(), results, clients.counter().since(before), rewritten);
  }

  /**
   * The sensor's thresholds written into its device package in this home, for boards that publish
   * at once when a reading crosses one; the package then differs from what the board runs, so the
   * user is told to flash it again.
   */
  private List<java.nio.file.Path> packageThresholds(
      SensorType type, String sensor, AlertSettings settings, IotsysListener listener) {
    Optional<dev.iotsys.spi.DevicePackageWriter> writer = type.devicePackageWriter();
    if (writer.isEmpty()) {
      return List.of();
    }
    Map<String, Map<String, BigDecimal>> thresholds = new java.util.TreeMap<>();
    settings
        .above()
        .forEach((m, v) -> thresholds.computeIfAbsent(m, k -> new HashMap<>()).put("above", v));
    settings
        .below()
        .forEach((m, v) -> thresholds.computeIfAbsent(m, k -> new HashMap<>()).put("below", v));
    java.nio.file.Path folder =
        new dev.iotsys.internal.sensor.local.SensorFolders(home).devicePackage(type.id(), sensor);
    try {
      if (!writer.get().writeThresholds(folder, thresholds)) {
        return List.of();
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Only the exception's kind: a package's files may hold the Wi-Fi password.
      throw new IotsysException(
          ErrorKind.INTERNAL,
          "The alarms are set, but the thresholds could not be written into the device package "
              + folder
              + " ("
              + e.getClass().getSimpleName()
              + "); run the command again");
    }
    listener.onEvent(
        new IotsysEvent.Note(
            "device package "
                + folder
                + " has the new thresholds: flash "
                + sensor
                + " again so that it publishes at once when one is crossed"));
    return List.of(folder);
  }

  /**
   * Everything alerts made: every alarm iotsys named, each type's metrics rule and role, and the
   * topic, whose deletion takes its subscriptions (confirmed or not) with it.
   */
  public AlertsResult disable(boolean dryRun, IotsysListener listener) {
    ApiCalls before = clients.counter().totals();
    List<ResourceResult> results =
        new ConvergeEngine(listener).remove(removals(registry.all(), true, false), false, dryRun);
    return new AlertsResult(dryRun, results, clients.counter().since(before));
  }

  /**
   * What uninstall removes of alerts, first: the alarms of the types' sensors (every iotsys alarm
   * with {@code everything}), the types' metrics rules and roles, and with {@code everything} the
   * topic; only what exists, so that an installation that never had alerts shows none of them. A
   * caller who may not read CloudWatch or SNS (an IAM policy from before alerts) uninstalls the
   * rest; a note says what to run if alerts were enabled.
   */
  public List<Resource<?>> removals(
      List<SensorType> types, boolean everything, IotsysListener listener) {
    try {
      return removals(types, everything, true);
    } catch (IotsysException e) {
      if (e.kind() != ErrorKind.ACCESS_DENIED) {
        throw e;
      }
      listener.onEvent(
          new IotsysEvent.Note(
              "alerts not checked: "
                  + e.getMessage()
                  + "; if"
                  + " alerts were enabled, 'iotsys alerts disable' with those permissions removes them"));
      return List.of();
    }
  }

  private List<Resource<?>> removals(
      List<SensorType> types, boolean everything, boolean onlyPresent) {
    Set<String> namespaces = new HashSet<>();
    types.forEach(t -> namespaces.add(AlertNames.namespace(t.id())));
    List<Resource<?>> removals = new ArrayList<>();
    for (MetricAlarm alarm : stack.listAlarms(AlertNames.ALARM_PREFIX).values()) {
      if (everything || namespaces.contains(alarm.namespace())) {
        removals.add(AlarmResource.existing(stack.cloudWatch(), alarm));
      }
    }
    for (SensorType type : types) {
      // The rule first: AWS refuses nothing here, but a rule without its role only fails.
      TopicRuleResource rule = stack.metricsRule(type, clients.iot());
      if (!onlyPresent) {
        removals.add(rule);
        removals.add(stack.metricsRole(type));
        continue;
      }
      Optional<TopicRule> present = ConvergeEngine.read(rule);
      if (present.isPresent()) {
        removals.add(rule.knownToBe(present));
      }
      if (ConvergeEngine.read(stack.metricsRole(type)).isPresent()) {
        removals.add(stack.metricsRole(type));
      }
    }
    if (everything) {
      TopicResource topic = stack.topic();
      Optional<Map<String, String>> present = onlyPresent ? ConvergeEngine.read(topic) : null;
      if (present == null) {
        removals.add(topic);
      } else if (present.isPresent()) {
        removals.add(topic.knownToBe(present));
      }
    }
    return removals;
  }

  /** The alerts of every sensor of every type on the class path. Reads only. */
  public AlertsStatus list() {
    List<SensorRef> sensors = new ArrayList<>();
    for (SensorType type : registry.all()) {
      inventory.sensorsOf(type.id()).forEach(n -> sensors.add(new SensorRef(n, type.id())));
    }
    sensors.sort(java.util.Comparator.comparing(SensorRef::name));
    return status(sensors);
  }

  /**
   * A sensor, by name and type.
   *
   * @param name the thing name
   * @param typeId its sensor type
   */
  public record SensorRef(String name, String typeId) {}

  /** The alerts of the given sensors: the topic's subscriptions, each one's alarms. Reads only. */
  public AlertsStatus status(List<SensorRef> sensors) {
    TopicResource topic = stack.topic();
    if (ConvergeEngine.read(topic).isEmpty()) {
      return AlertsStatus.disabled();
    }
    String topicArn = stack.topicArn();
    List<AlertsStatus.Subscription> subscriptions =
        stack.subscriptions(topicArn).stream()
            .map(
                s ->
                    new AlertsStatus.Subscription(
                        s.endpoint(), EmailSubscriptionResource.isPending(s.subscriptionArn())))
            .toList();
    Map<String, MetricAlarm> alarms = stack.listAlarms(AlertNames.ALARM_PREFIX);
    List<AlertsStatus.SensorAlerts> states = new ArrayList<>();
    for (SensorRef s : sensors) {
      Map<String, MetricAlarm> own = AlertStack.ofSensor(alarms, s.name());
      MetricAlarm silence = own.get(AlertNames.silence(s.name()));
      List<AlertsStatus.Alarm> list = new ArrayList<>();
      if (silence != null) {
        list.add(alarm(silence));
      }
      own.values().stream().filter(a -> a != silence).map(AlertService::alarm).forEach(list::add);
      Optional<Duration> window =
          silence == null
              ? Optional.empty()
              : Optional.of(
                  AlertSettings.of(List.of(silence), List.of(), interval(s.typeId()))
                      .silentAfter());
      states.add(
          new AlertsStatus.SensorAlerts(
              s.name(), s.typeId(), AlertStack.armed(silence), window, list));
    }
    return new AlertsStatus(true, Optional.of(topicArn), subscriptions, states);
  }

  // ---- reading what is there

  private List<Installed> installed() {
    List<Installed> installed = new ArrayList<>();
    for (SensorType type : registry.all()) {
      InstalledStore store = InstalledStore.of(clients, stores, type);
      if (store.rule().isPresent()) {
        installed.add(new Installed(type, store));
      }
    }
    return installed;
  }

  private Installed typeOf(String sensor) {
    for (Installed t : installed()) {
      if (inventory.sensorsOf(t.type().id()).contains(sensor)) {
        return t;
      }
    }
    throw new IotsysException(
        ErrorKind.PRECONDITION,
        "No sensor "
            + sensor
            + " of an installed"
            + " sensor type in this AWS account and region ('iotsys sensor list' shows them)");
  }

  private static String measure(
      Installed t, String sensor, Optional<String> given, boolean thresholds) {
    List<String> measures = t.measures();
    if (given.isPresent()) {
      if (!measures.contains(given.get())) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "Sensor "
                + sensor
                + " ("
                + t.type().id()
                + ") has no measure "
                + given.get()
                + "; its measures: "
                + String.join(", ", measures));
      }
      return given.get();
    }
    if (thresholds && measures.size() > 1) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Sensor "
              + sensor
              + " ("
              + t.type().id()
              + ") measures "
              + String.join(", ", measures)
              + ": name the one the threshold is for with --measure");
    }
    return measures.get(0);
  }

  static void requireFewMeasures(SensorType type) {
    if (type.measures().size() > MAX_MEASURES) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "Sensor type "
              + type.id()
              + " has "
              + type.measures().size()
              + " measures, and a topic rule takes at most "
              + MAX_MEASURES
              + " metric actions");
    }
  }

  /** The sensors of the list whose store holds a reading from the last 30 days. */
  private Set<String> reporting(Installed t, List<String> names) {
    if (names.isEmpty() || t.store().store().isEmpty()) {
      return Set.of();
    }
    return AlertStack.aws(
        "reading the newest readings of the " + t.type().id() + " sensors",
        () ->
            t.store()
                .store()
                .get()
                .newestReadings(
                    clients, t.store().database().orElseThrow(), t.type(), names, READING_WINDOW)
                .keySet());
  }

  private static Optional<EmailSubscriptionResource.State> listedState(
      List<Subscription> listed, String address) {
    return listed.stream()
        .filter(s -> address.equals(s.endpoint()))
        .findFirst()
        .map(s -> new EmailSubscriptionResource.State(s.subscriptionArn()));
  }

  private static AlertsStatus.Alarm alarm(MetricAlarm a) {
    AlertNames.Parsed p = AlertNames.parse(a.alarmName()).orElseThrow();
    AlarmState state;
    try {
      state = AlarmState.valueOf(a.stateValueAsString());
    } catch (IllegalArgumentException | NullPointerException unknown) {
      state = AlarmState.INSUFFICIENT_DATA;
    }
    Optional<BigDecimal> threshold =
        p.kind() == AlarmKind.SILENT || a.threshold() == null
            ? Optional.empty()
            : Optional.of(AlertSettings.canonical(BigDecimal.valueOf(a.threshold())));
    return new AlertsStatus.Alarm(
        a.alarmName(), p.kind(), p.measure(), threshold, state, AlertStack.armed(a));
  }

  // ---- input and output

  /** The addresses, checked before any AWS call, each once, in the order given. */
  static List<String> addresses(List<String> emails) {
    Set<String> unique = new LinkedHashSet<>();
    for (String email : emails) {
      if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
        throw new IotsysException(
            ErrorKind.INVALID_INPUT,
            "Invalid --email '"
                + Names.printable(email)
                + "': give an address such as me@example.com");
      }
      unique.add(email);
    }
    return List.copyOf(unique);
  }

  private static void noteSubscriptions(
      List<ResourceResult> results,
      List<Subscription> listed,
      IotsysListener listener,
      boolean dryRun) {
    for (ResourceResult r : results) {
      if (!r.kind().equals("sns-subscription") || dryRun) {
        continue;
      }
      boolean pending =
          listed.stream()
              .anyMatch(
                  s ->
                      r.name().equals(s.endpoint())
                          && EmailSubscriptionResource.isPending(s.subscriptionArn()));
      if (pending && (r.outcome() == Outcome.CREATED || r.outcome() == Outcome.UNCHANGED)) {
        listener.onEvent(
            new IotsysEvent.Note(
                "AWS e-mailed "
                    + r.name()
                    + " a link to"
                    + " confirm the subscription: alerts reach the address once it is clicked (within"
                    + " three days)"));
      }
    }
  }

  private static void noteUnarmed(List<String> sensors, IotsysListener listener) {
    if (!sensors.isEmpty()) {
      listener.onEvent(
          new IotsysEvent.Note(
              "Not armed, as no reading is stored yet: "
                  + String.join(", ", sensors)
                  + ". A silence alarm notifies once armed: 'iotsys alerts"
                  + " set NAME --arm', or the next 'iotsys alerts enable' after the sensor's first"
                  + " reading"));
    }
  }
}
