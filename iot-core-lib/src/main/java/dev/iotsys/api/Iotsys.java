package dev.iotsys.api;

import dev.iotsys.internal.FleetHealthReader;
import dev.iotsys.internal.Installer;
import dev.iotsys.internal.KeySetting;
import dev.iotsys.internal.PluginJars;
import dev.iotsys.internal.SensorInventory;
import dev.iotsys.internal.SensorReadings;
import dev.iotsys.internal.SensorSeries;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.internal.StatusReporter;
import dev.iotsys.internal.StoreRegistry;
import dev.iotsys.internal.Uninstaller;
import dev.iotsys.internal.alerts.AlertService;
import dev.iotsys.internal.alerts.SensorAlarms;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.devicetest.StandInDevice;
import dev.iotsys.internal.devicetest.StoreReadingTrail;
import dev.iotsys.internal.ratelimit.IotRateLimiter;
import dev.iotsys.internal.sensor.SensorService;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.spi.Measure;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The entry point for embedding iotsys: provisions a fleet of IoT sensors on AWS and converges it,
 * idempotently.
 *
 * <pre>{@code
 * try (Iotsys iotsys = Iotsys.builder().region("eu-west-1").build()) {
 *   InstallResult result = iotsys.install("home", false, IotsysListener.NONE);
 * }
 * }</pre>
 *
 * <p>Every failure is an {@link IotsysException}. iotsys never prints and never exits; it closes
 * only the SDK clients it created itself. One instance may serve several calls in a row.
 */
public final class Iotsys implements AutoCloseable {
  private final AwsClients clients;
  private final SensorTypeRegistry registry;
  private final StoreRegistry stores;
  private final Installer installer;
  private final SensorService sensors;
  private final Uninstaller uninstaller;
  private final StatusReporter status;
  private final SensorReadings readings;
  private final StandInDevice standIn;
  private final AlertService alerts;
  private final SensorAlarms sensorAlarms;
  private final FleetHealthReader fleetHealth;
  private final SensorSeries series;

  private Iotsys(AwsClients clients, SensorTypeRegistry registry, StoreRegistry stores, Home home) {
    this.clients = clients;
    this.registry = registry;
    this.stores = stores;
    this.installer = new Installer(clients, stores, registry);
    this.sensors = new SensorService(clients, registry, home.folder(), home.describe());
    SensorInventory inventory =
        new SensorInventory() {
          @Override
          public List<String> sensorsOf(String typeId) {
            return sensors.names(Optional.of(typeId));
          }

          @Override
          public void remove(String typeId, List<String> names, IotsysListener listener) {
            // The names come from a listing: the removal reads the things in pages again, never
            // one by one.
            SensorsResult removed =
                sensors.remove(
                    new RemoveSensorsRequest(Optional.of(typeId), names, false, false),
                    listener,
                    true);
            if (!removed.succeeded()) {
              SensorResult first = removed.failed().get(0);
              throw new IotsysException(
                  first.errorKind().orElse(ErrorKind.INTERNAL),
                  first.error().orElse("failed")
                      + " (removing sensor "
                      + first.name()
                      + "; nothing else was uninstalled)");
            }
          }
        };
    this.alerts = new AlertService(clients, stores, registry, inventory, home.folder());
    this.sensorAlarms = new SensorAlarms(clients, registry);
    this.uninstaller = new Uninstaller(clients, stores, registry, inventory, alerts);
    this.status = new StatusReporter(clients, installer, stores, registry, sensors::check, alerts);
    this.readings = new SensorReadings(clients, stores, registry);
    this.fleetHealth = new FleetHealthReader(clients, stores, registry, sensors::list, alerts);
    this.series = new SensorSeries(clients, readings);
    this.standIn =
        new StandInDevice(
            registry, home.folder(), new StoreReadingTrail(clients, readings), clients::iot);
  }

  /**
   * A builder; without settings it uses the SDK's default region and credentials chains.
   *
   * @return a new builder with nothing set
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Converges the database and, for every sensor type on the class path, its table, thing type,
   * device policy, error log group, rule role and topic rule, on the store each type is installed
   * on already, else the default store ({@code timestream}). A type installed on another database
   * is not moved: see {@link #install(String, InstallOptions, IotsysListener)}.
   *
   * @param database the database name (3 to 256 of {@code [a-zA-Z0-9_.-]})
   * @param dryRun when true, only reads and returns the plan
   * @param listener receives progress events; {@link IotsysListener#NONE} for none
   * @return the outcome per resource and the API calls made
   */
  public InstallResult install(String database, boolean dryRun, IotsysListener listener) {
    return install(database, InstallOptions.inPlace(dryRun), listener);
  }

  /**
   * Converges as {@link #install(String, boolean, IotsysListener)} does, on the given store. A type
   * installed on another store is not moved: see {@link #install(String, InstallOptions,
   * IotsysListener)}.
   *
   * @param database the database name (3 to 256 of {@code [a-zA-Z0-9_.-]})
   * @param store the store's id, e.g. {@code dynamodb} (see {@link #stores()})
   * @param dryRun when true, only reads and returns the plan
   * @param listener receives progress events; {@link IotsysListener#NONE} for none
   * @return the outcome per resource and the API calls made
   */
  public InstallResult install(
      String database, String store, boolean dryRun, IotsysListener listener) {
    return install(
        database,
        new InstallOptions(
            Optional.of(Objects.requireNonNull(store, "store")), Optional.empty(), false, dryRun),
        listener);
  }

  /**
   * Converges the database and every sensor type on the class path as the options say. A type whose
   * rule writes to another store or database is pointed here only with {@link
   * InstallOptions#move()}; otherwise install fails with {@link ErrorKind#PRECONDITION} before any
   * write, naming where the readings go now. A move creates the new table first, lets the rule's
   * role write to both, points the rule at the new one and only then narrows the role, so readings
   * are stored in every state a run leaves. The earlier readings stay (reported {@link
   * Outcome#KEPT}), protected.
   *
   * @param database the database name (3 to 256 of {@code [a-zA-Z0-9_.-]})
   * @param options the store, whether to move, whether only to plan
   * @param listener receives progress events; {@link IotsysListener#NONE} for none
   * @return the outcome per resource and the API calls made
   */
  public InstallResult install(String database, InstallOptions options, IotsysListener listener) {
    return installer.install(database, options, listener);
  }

  /**
   * Converges one sensor type on a database that must already exist, on the store the type is
   * installed on already, else the default store. On a store without databases (DynamoDB) a
   * database exists when iotsys made a table of it ({@code iotsys install --db NAME} did).
   *
   * @param typeId the sensor type's id
   * @param database an existing database
   * @param dryRun when true, only reads and returns the plan
   * @param listener receives progress events
   * @return the outcome per resource and the API calls made
   */
  public InstallResult installSensorType(
      String typeId, String database, boolean dryRun, IotsysListener listener) {
    return installSensorType(typeId, database, InstallOptions.inPlace(dryRun), listener);
  }

  /**
   * Converges one sensor type as {@link #installSensorType(String, String, boolean,
   * IotsysListener)} does, on the given store.
   *
   * @param typeId the sensor type's id
   * @param database an existing database
   * @param store the store's id, e.g. {@code dynamodb}
   * @param dryRun when true, only reads and returns the plan
   * @param listener receives progress events
   * @return the outcome per resource and the API calls made
   */
  public InstallResult installSensorType(
      String typeId, String database, String store, boolean dryRun, IotsysListener listener) {
    return installSensorType(
        typeId,
        database,
        new InstallOptions(
            Optional.of(Objects.requireNonNull(store, "store")), Optional.empty(), false, dryRun),
        listener);
  }

  /**
   * Converges one sensor type on a database that must already exist, as the options say (see {@link
   * #install(String, InstallOptions, IotsysListener)} for moves).
   *
   * @param typeId the sensor type's id
   * @param database an existing database
   * @param options the store, whether to move, whether only to plan
   * @param listener receives progress events
   * @return the outcome per resource and the API calls made
   */
  public InstallResult installSensorType(
      String typeId, String database, InstallOptions options, IotsysListener listener) {
    return installer.installType(typeId, database, options, listener);
  }

  /**
   * Adds sensors of one type, or converges them when they exist: for each name a local key of the
   * type's algorithm (RSA 2048 or EC P-256; the {@code key} device setting picks another the type
   * offers), the thing, a certificate issued from a CSR (the key never leaves the machine), the
   * type's policy and the thing attached to it, {@code certificates/NAME/} and the device package
   * under the home folder. Input is checked first: bad input fails with {@link
   * ErrorKind#INVALID_INPUT} and changes nothing; a type not installed in the account fails with
   * {@link ErrorKind#PRECONDITION}. Names run concurrently; a name that fails is reported in its
   * result and does not stop the others. When alerts are enabled ({@link #enableAlerts}), each
   * sensor also gets its silence alarm, unarmed until its first reading or {@code --arm}.
   *
   * @param request the type, names, Wi-Fi settings and options
   * @param listener receives progress events, from several threads
   * @return one result per name, in the order given
   */
  public SensorsResult addSensors(AddSensorsRequest request, IotsysListener listener) {
    ApiCalls before = clients.counter().totals();
    return sensorAlarms.afterAdd(
        request.typeId(), sensors.add(request, listener), before, listener);
  }

  /**
   * Removes sensors: every certificate of each thing (and any left by an interrupted add) is
   * deactivated, detached and deleted, then the thing and, unless kept, the local files. A sensor
   * that is already gone, wholly or in part, is not a failure: its result says what was found. Its
   * alarms, if alerts made any, are deleted too.
   *
   * @param request the names and options
   * @param listener receives progress events, from several threads
   * @return one result per name, in the order given
   */
  public SensorsResult removeSensors(RemoveSensorsRequest request, IotsysListener listener) {
    ApiCalls before = clients.counter().totals();
    return sensorAlarms.afterRemove(sensors.remove(request, listener), before, listener);
  }

  /**
   * The sensors iotsys manages in the account (things with {@code managedBy=iotsys}), sorted by
   * name, with their certificates and whether their local key and package are present. Reads only.
   *
   * @param typeId only sensors of this type, when present
   * @return the managed sensors, sorted by name; empty when there are none
   */
  public List<SensorInfo> listSensors(Optional<String> typeId) {
    return sensors.list(typeId);
  }

  /**
   * Removes what {@link #install} created, for every sensor type on the class path, in an order AWS
   * accepts, and everything alerts made, first. Refuses while sensors exist unless {@link
   * UninstallOptions#removeSensors()}; keeps the tables and the database, with every reading,
   * unless {@link UninstallOptions#deleteData()}. A second run succeeds and reports every resource
   * {@link Outcome#ABSENT}.
   *
   * @param database the database install was given
   * @param options what else may go, whether to wait for thing types, dry run
   * @param listener receives progress events
   * @return the outcome per resource
   */
  public UninstallResult uninstall(
      String database, UninstallOptions options, IotsysListener listener) {
    return uninstaller.uninstall(database, options, listener);
  }

  /**
   * Removes one sensor type's resources, as {@link #uninstall} does for all of them, but never the
   * database. Its table is deleted only with {@link UninstallOptions#deleteData()}.
   *
   * @param typeId the sensor type
   * @param database the database of its table; by default the one its topic rule writes to
   * @param options what else may go, whether to wait for thing types, dry run
   * @param listener receives progress events
   * @return the outcome per resource
   */
  public UninstallResult uninstallSensorType(
      String typeId, Optional<String> database, UninstallOptions options, IotsysListener listener) {
    return uninstaller.uninstallType(typeId, database.orElse(null), options, listener);
  }

  /**
   * The state of an installation, read only: every resource {@link #install} manages as present,
   * drifted or missing (install's own plan), where each type's rule writes (a type installed from
   * elsewhere on another database is shown where it is, its rule drifted); the tables and databases
   * iotsys made that hold readings no rule writes to any more, in every store and under every
   * database name, kept, with their count of readings where the store counts them; every sensor's
   * certificates and the time of its newest reading in the last 30 days; and, when alerts are
   * enabled, each sensor's alarms and the subscriptions still awaiting confirmation (shown; they do
   * not make it unconverged).
   *
   * @param database the database install was given
   * @param listener receives progress events
   * @return the state; {@link StatusResult#converged()} says whether all is well
   */
  public StatusResult status(String database, IotsysListener listener) {
    return status(database, Optional.empty(), listener);
  }

  /**
   * The state as {@link #status(String, IotsysListener)} shows it, for a caller that expects a
   * store (a home's settings): a type not installed is shown on it, and one whose rule writes to
   * another store is drifted.
   *
   * @param database the database install was given
   * @param store the store's id the caller expects, or empty
   * @param listener receives progress events
   * @return the state; {@link StatusResult#converged()} says whether all is well
   */
  public StatusResult status(String database, Optional<String> store, IotsysListener listener) {
    return status.status(database, store, listener);
  }

  /**
   * A sensor's readings, newest first.
   *
   * @param sensor the sensor's (thing) name
   * @param database its database; by default the one its type's topic rule writes to
   * @param since the window, e.g. {@code 24h}, {@code 30m}, {@code 7d}
   * @param limit at most this many readings, 1 to 10000
   * @return the readings; empty when there are none in the window
   */
  public List<Reading> readings(String sensor, Optional<String> database, String since, int limit) {
    return readings.readings(sensor, database, since, limit);
  }

  /**
   * The readings of several sensors in a window, newest first, for a glance at many (the command
   * line's sparklines). The store of each type is found once; a sensor whose readings cannot be
   * read is left out.
   *
   * @param sensorTypes each sensor's (thing) name and its type's id
   * @param since the window, e.g. {@code 24h}
   * @return the readings per sensor name
   */
  public java.util.Map<String, List<Reading>> recentReadings(
      java.util.Map<String, String> sensorTypes, String since) {
    return readings.recent(sensorTypes, since);
  }

  /**
   * Per measure of a sensor: minimum, maximum, average and count over the window, and the time of
   * the newest reading.
   *
   * @param sensor the sensor's (thing) name
   * @param database its database; by default the one its type's topic rule writes to
   * @param since the window, e.g. {@code 24h}
   * @return one entry per measure of the sensor's type
   */
  public List<ReadingStats> readingStats(String sensor, Optional<String> database, String since) {
    return readings.stats(sensor, database, since);
  }

  /**
   * Every sensor of every type at a glance, read only: whether its readings arrive as often as its
   * type expects ({@link SensorHealth.Health}), its newest values and their age, each measure's
   * last 24 hours (reduced to at most {@link FleetHealth#SPARKLINE_POINTS} readings), its
   * certificates and its alarms in ALARM. The things and certificates are read in pages as {@link
   * #listSensors} reads them, each type's rule once and the alarms in pages; each sensor's readings
   * take one read of its store, and a sensor without a reading in the last 24 hours one more.
   *
   * @param listener receives notes (alarms that could not be read)
   * @return the fleet, sorted by sensor name, with the instant its ages are counted to
   */
  public FleetHealth fleetHealth(IotsysListener listener) {
    return fleetHealth.read(listener);
  }

  /**
   * The fleet as {@link #fleetHealth} reads it, in two steps, for a view that shows its rows first:
   * the things, certificates, rules and alarms as there, and each sensor's newest reading (one
   * small read of its store); then, when {@link FleetRows#lastDay()} is asked, each sensor's last
   * 24 hours (one more read each, the first step's IoT and alarm reads not repeated).
   *
   * @param listener receives notes (alarms that could not be read)
   * @return the first step read, the second to read when asked
   */
  public FleetRows fleetRows(IotsysListener listener) {
    return fleetHealth.readInSteps(listener);
  }

  /**
   * A sensor's readings between two instants, reduced for a chart: per measure at most {@code
   * maxPoints} stored readings (all of them when they fit, else the lowest and the highest of each
   * of {@code maxPoints / 2} equal slices of the time they span, so that a spike survives), with
   * the statistics of every value of the window. A window of more than {@link
   * ReadingSeries#MAX_VALUES} values is read from its newest end and marked truncated.
   *
   * @param sensor the sensor's (thing) name
   * @param database its database; by default the one its type's topic rule writes to
   * @param from the window's start, at least a minute ago and at most 3650 days ago
   * @param to the window's end, after its start
   * @param maxPoints the most points per measure, 2 to 10000
   * @return the series of each measure of the sensor's type
   */
  public ReadingSeries readingSeries(
      String sensor, Optional<String> database, Instant from, Instant to, int maxPoints) {
    return series.series(sensor, database, from, to, maxPoints);
  }

  /**
   * A sensor's readings between two instants, newest first, every one of them up to the limit.
   *
   * @param sensor the sensor's (thing) name
   * @param database its database; by default the one its type's topic rule writes to
   * @param from the window's start, at least a minute ago and at most 3650 days ago
   * @param to the window's end, after its start
   * @param limit at most this many values, 1 to {@link ReadingSeries#MAX_VALUES}
   * @return the readings; empty when there are none in the window
   */
  public List<Reading> readings(
      String sensor, Optional<String> database, Instant from, Instant to, int limit) {
    return series.window(sensor, database, from, to, limit);
  }

  /**
   * Tests a sensor before its board is flashed: acts as the board with the sensor's own device
   * package (its certificate, key, trust and settings, read by its type's reader as the firmware
   * reads them), connects as the firmware does (the board's TLS versions and key; the server's
   * certificate checked against the package's CA certificates and the endpoint's name when the
   * board checks it, not checked when the board cannot; MQTT 3.1.1 with the thing name as client id
   * and the firmware's keepalive), publishes the firmware's message for a plausible value of each
   * measure at QoS 1 to the package's topic, and then looks for the reading in the sensor type's
   * store. Each link between the device and the store gets a verdict; the first failure ends the
   * test and says what to do. Each phase has an overall limit however slowly a server answers: TCP
   * 10 s, the TLS handshake 20 s, each MQTT exchange 15 s.
   *
   * <p>No AWS call is made unless a link needs one: the store is read only when the request waits
   * for it, and AWS IoT only to explain a refused CONNECT. A failing link is not an exception: it
   * is in the result, with the {@link ErrorKind} the command line exits with.
   *
   * @param request the sensor and the options
   * @param listener receives a {@link IotsysEvent.LinkChecked} per link and a {@link
   *     IotsysEvent.Published} per reading, as they happen
   * @return one verdict per link and the readings published
   * @throws IotsysException of kind {@link ErrorKind#INVALID_INPUT} for an invalid name, option or
   *     CA file, before any connection is made; of kind {@link ErrorKind#PACKAGE_UNUSABLE} when no
   *     type is named and none of several types has a package of that name in the home
   */
  public SensorTestResult testSensor(SensorTestRequest request, IotsysListener listener) {
    return standIn.run(request, listener);
  }

  /**
   * The length of a window as {@link #readings} takes it, e.g. {@code 24h}: a whole number and s,
   * m, h or d, from one minute to 3650 days.
   *
   * @param since the window
   * @return its length
   * @throws IotsysException of kind {@link ErrorKind#INVALID_INPUT} when it is not a window
   */
  public static java.time.Duration window(String since) {
    return dev.iotsys.internal.Since.parse(since).duration();
  }

  /**
   * Sets up alerts, or converges them: one SNS topic that e-mails the given addresses (AWS sends
   * each a confirmation link first), for each installed sensor type a topic rule that publishes its
   * readings as CloudWatch metrics, and for each sensor a silence alarm: no reading for six of its
   * type's reading intervals (30 minutes for five-minute readings; at least 10 minutes), or the
   * sensor's own {@code --silent-after}, notifies the topic. A new sensor's silence alarm starts
   * unarmed; one whose store holds a reading from the last 30 days is armed. Settings made with
   * {@link #setAlerts} are kept; a second run changes nothing.
   *
   * @param emails the addresses to notify, exactly these (others are unsubscribed); may be empty
   *     once alerts are enabled, which keeps the subscriptions as they are
   * @param dryRun when true, only reads and returns the plan
   * @param listener receives progress events and notes
   * @return the outcome per resource and the API calls made
   */
  public AlertsResult enableAlerts(List<String> emails, boolean dryRun, IotsysListener listener) {
    return alerts.enable(emails, dryRun, listener);
  }

  /**
   * Changes one sensor's alerts: its silence window, thresholds above or below which a measure
   * notifies, or arms its silence alarm. Alerts must be enabled.
   *
   * @param request the sensor and what to change
   * @param listener receives progress events and notes
   * @return the outcome per alarm and the API calls made
   */
  public AlertsResult setAlerts(SetAlertsRequest request, IotsysListener listener) {
    return alerts.set(request, listener);
  }

  /**
   * The alerts as they are: whether each e-mail subscription still awaits confirmation, and each
   * sensor's alarms with their state and settings. Reads only.
   *
   * @return the alerts; {@link AlertsStatus#enabled()} false when they are not set up
   */
  public AlertsStatus listAlerts() {
    return alerts.list();
  }

  /**
   * Removes everything alerts made: every alarm, each type's metrics rule and role, and the topic
   * with its subscriptions. A second run finds everything absent and succeeds.
   *
   * @param dryRun when true, only reads and returns the plan
   * @param listener receives progress events
   * @return the outcome per resource and the API calls made
   */
  public AlertsResult disableAlerts(boolean dryRun, IotsysListener listener) {
    return alerts.disable(dryRun, listener);
  }

  /**
   * The sensor types on the class path, sorted by id. Makes no AWS call.
   *
   * @return one entry per sensor type; empty when no sensor module is on the class path
   */
  public List<SensorTypeInfo> sensorTypes() {
    return registry.all().stream()
        .map(
            t ->
                new SensorTypeInfo(
                    t.id(),
                    t.description(),
                    t.measures().stream().map(Measure::name).toList(),
                    t.measures().stream().map(Measure::unit).toList(),
                    t.topicFilter(),
                    KeySetting.withKey(t).stream()
                        .map(
                            d ->
                                new SensorTypeInfo.Setting(
                                    d.name(), d.argName(), d.description(), d.choices()))
                        .toList(),
                    t.keyAlgorithms().stream().map(KeyAlgorithm::id).toList(),
                    t.readingInterval(),
                    registry.origin(t.id())))
        .toList();
  }

  /**
   * The stores readings can be kept in (found with {@link java.util.ServiceLoader}), sorted by id.
   * Makes no AWS call.
   *
   * @return one entry per store
   */
  public List<StoreInfo> stores() {
    return stores.all().stream()
        .map(s -> new StoreInfo(s.id(), s.description(), s.id().equals(StoreRegistry.DEFAULT)))
        .toList();
  }

  /**
   * The API calls made so far through the clients of this instance: reads, writes and each
   * operation.
   *
   * @return the calls so far
   */
  public ApiCalls apiCalls() {
    return clients.counter().totals();
  }

  /**
   * API calls made so far by the clients this instance created, per {@code Service:Operation}.
   *
   * @return the number of calls, keyed by {@code Service:Operation}
   */
  public java.util.Map<String, Long> apiCallsByOperation() {
    return clients.counter().byOperation();
  }

  /** Closes the SDK clients this instance created; caller-supplied clients stay open. */
  @Override
  public void close() {
    clients.close();
  }

  /** Configures an {@link Iotsys}. Every setting is optional. */
  public static final class Builder {
    private String region;
    private String profile;
    private URI endpoint;
    private AwsCredentialsProvider credentials;
    private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
    private final Map<Class<?>, Object> clients = new HashMap<>();
    private ClassLoader classLoader = Iotsys.class.getClassLoader();
    private final List<Path> pluginFolders = new ArrayList<>();
    private IotsysListener listener = IotsysListener.NONE;
    private Home home;
    private Duration callTimeout;

    private Builder() {}

    /**
     * The AWS region, e.g. {@code eu-west-1}; default: the SDK's region chain.
     *
     * @param region the region's name
     * @return this builder
     */
    public Builder region(String region) {
      this.region = region;
      return this;
    }

    /**
     * A named profile of the AWS config files, for credentials and region.
     *
     * @param profile the profile's name
     * @return this builder
     */
    public Builder profile(String profile) {
      this.profile = profile;
      return this;
    }

    /**
     * One endpoint for every AWS service, e.g. a local emulator.
     *
     * @param endpoint the endpoint's URI, used instead of each service's own
     * @return this builder
     */
    public Builder endpoint(URI endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * Static credentials for the clients iotsys creates, e.g. a local emulator's; default: the
     * SDK's credentials chain (environment, profile, instance role).
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret access key
     * @return this builder
     */
    public Builder credentials(String accessKeyId, String secretAccessKey) {
      this.credentials =
          StaticCredentialsProvider.create(
              AwsBasicCredentials.create(
                  Objects.requireNonNull(accessKeyId), Objects.requireNonNull(secretAccessKey)));
      return this;
    }

    /**
     * The one way to hand iotsys an object of the AWS SDK for Java v2 itself, keyed by its
     * interface; no other method of the API names an SDK type:
     *
     * <ul>
     *   <li>a client of any service iotsys or a store uses, e.g. {@code IotClient.class} or {@code
     *       DynamoDbClient.class}: used as is and never closed by iotsys;
     *   <li>{@code ExecutionInterceptor.class}: an interceptor added to every client iotsys creates
     *       (not to caller-supplied ones); each call adds one more;
     *   <li>{@code AwsCredentialsProvider.class}: the credentials of the clients iotsys creates.
     * </ul>
     *
     * @param <T> the object's type
     * @param type the SDK interface, e.g. {@code IotClient.class}
     * @param client the object
     * @return this builder
     */
    public <T> Builder client(Class<T> type, T client) {
      Object given = Objects.requireNonNull(type).cast(Objects.requireNonNull(client));
      if (type == ExecutionInterceptor.class) {
        interceptors.add((ExecutionInterceptor) given);
      } else if (type == AwsCredentialsProvider.class) {
        credentials = (AwsCredentialsProvider) given;
      } else {
        clients.put(type, given);
      }
      return this;
    }

    /**
     * Where to look for sensor types; default: the class loader that loaded iotsys.
     *
     * @param loader the class loader sensor types are loaded from; not null
     * @return this builder
     */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = Objects.requireNonNull(loader);
      return this;
    }

    /**
     * A folder of plugin jars: each {@code *.jar} in it is searched for sensor types and stores
     * with the same {@link java.util.ServiceLoader} lookup as the built-in ones, each jar through
     * its own class loader (a child of the one given to {@link #classLoader}). A folder that does
     * not exist holds none. A jar that cannot be loaded is left out with a {@link
     * IotsysEvent.PluginSkipped} event; two plugins with one id fail {@link #build()}, naming both
     * jars.
     *
     * @param folder the folder, e.g. {@code <home>/.iotsys/plugins}; not null
     * @return this builder
     */
    public Builder pluginFolder(Path folder) {
      pluginFolders.add(Objects.requireNonNull(folder).toAbsolutePath().normalize());
      return this;
    }

    /**
     * Receives what {@link #build()} reports while it loads plugins, e.g. a skipped jar.
     *
     * @param listener the listener; not null
     * @return this builder
     */
    public Builder listener(IotsysListener listener) {
      this.listener = Objects.requireNonNull(listener);
      return this;
    }

    /**
     * The folder that holds {@code certificates/} and the sensor modules' {@code
     * sensor-TYPE/sensors/} package folders; default: found as {@link Home#find} finds it from the
     * current working directory (the nearest folder from there up with settings, else the working
     * directory itself).
     *
     * @param home the folder; not null; a relative one is resolved against the working directory
     * @return this builder
     */
    public Builder home(Path home) {
      return home(
          new Home(Objects.requireNonNull(home).toAbsolutePath().normalize(), Home.Origin.OPTION));
    }

    /**
     * The home, with how it was found: messages that did not find a sensor's key say where they
     * looked and why there.
     *
     * @param home the home, e.g. from {@link Home#find}
     * @return this builder
     */
    public Builder home(Home home) {
      this.home = Objects.requireNonNull(home);
      return this;
    }

    /**
     * The longest one AWS call may take, its retries included (default 10 s). An endpoint that
     * never answers then fails the command with {@link ErrorKind#UNREACHABLE} after this long.
     *
     * @param timeout the limit; at least a millisecond
     * @return this builder
     */
    public Builder callTimeout(Duration timeout) {
      if (timeout == null || timeout.toMillis() < 1) {
        throw new IllegalArgumentException("a call timeout of at least 1 ms: " + timeout);
      }
      this.callTimeout = timeout;
      return this;
    }

    /**
     * Builds the instance. Loads the sensor types; makes no AWS call.
     *
     * @return the instance; close it to close the SDK clients it created
     * @throws IotsysException when two sensor types or stores share an id, or one has an invalid
     *     id; of kind {@link ErrorKind#INVALID_INPUT} when the home cannot be one ({@link
     *     Home#requireUsable()})
     */
    public Iotsys build() {
      Home found =
          home != null
              ? home
              : Home.find(
                  Optional.empty(), Optional.empty(), Path.of(System.getProperty("user.dir")));
      found.requireUsable();
      // Every client iotsys builds keeps the AWS IoT per-API rates, shared by all its threads.
      List<ExecutionInterceptor> all = new ArrayList<>(interceptors);
      all.add(new IotRateLimiter());
      AwsClients aws =
          new AwsClients(
              new AwsClients.Settings(
                  region, profile, endpoint, credentials, all, clients, callTimeout));
      BiConsumer<Path, String> skipped =
          (jar, reason) -> listener.onEvent(new IotsysEvent.PluginSkipped(jar, reason));
      PluginJars jars = PluginJars.open(classLoader, pluginFolders, skipped);
      return new Iotsys(
          aws, SensorTypeRegistry.load(jars, skipped), StoreRegistry.load(jars, skipped), found);
    }
  }
}
