package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.RemoveSensorsRequest;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.SensorsResult;
import dev.iotsys.api.Suggestion;
import dev.iotsys.internal.KeySetting;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.internal.TypeStack;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.crypto.KeyGeneration;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.ThingResource;
import dev.iotsys.internal.iot.ThingTypeResource;
import dev.iotsys.internal.sensor.local.SensorFolders;
import dev.iotsys.internal.sensor.steps.ActionLog;
import dev.iotsys.internal.sensor.steps.LeftoverCertificates;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.spi.SensorType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import software.amazon.awssdk.services.iot.model.DescribeThingTypeResponse;

/**
 * {@code sensor add}, {@code remove} and {@code list}. Input is checked before anything else, so
 * bad input changes nothing. Several names run concurrently on a few threads (the AWS rates are
 * kept by {@link IotRateLimiter}); one name failing does not stop the others, and every name gets
 * its own result.
 */
public final class SensorService {
  /**
   * Names handled at once. The threads mostly wait on AWS and on the per-API rates, which bound the
   * calls per second; keys are made on threads of their own ({@link KeyGeneration}).
   */
  static final int THREADS = 8;

  /**
   * From this many names on, {@code remove} reads the things and the certificates in pages first
   * (two pages for 300 sensors) instead of describing each: below it, a page of the account's
   * certificates would cost more than the names' own reads.
   */
  static final int FLEET_READ = 10;

  private final AwsClients clients;
  private final SensorTypeRegistry registry;
  private final SensorFolders folders;
  private final Duration detachPoll;
  private final int detachAttempts;

  /**
   * @param home the home folder
   * @param described the home and how it was chosen, for messages that did not find a key there
   */
  public SensorService(
      AwsClients clients, SensorTypeRegistry registry, Path home, String described) {
    this(clients, registry, home, described, Duration.ofMillis(500), 20);
  }

  SensorService(
      AwsClients clients,
      SensorTypeRegistry registry,
      Path home,
      Duration detachPoll,
      int detachAttempts) {
    this(clients, registry, home, home.toString(), detachPoll, detachAttempts);
  }

  private SensorService(
      AwsClients clients,
      SensorTypeRegistry registry,
      Path home,
      String described,
      Duration detachPoll,
      int detachAttempts) {
    this.clients = clients;
    this.registry = registry;
    this.folders = new SensorFolders(home, described);
    this.detachPoll = detachPoll;
    this.detachAttempts = detachAttempts;
  }

  public SensorsResult add(AddSensorsRequest request, IotsysListener listener) {
    SensorType type = registry.get(request.typeId());
    List<String> names = SensorInput.names(request.names());
    SensorInput.ssid(request.wifiSsid());
    SensorInput.password(request.wifiPassword());
    KeyAlgorithm algorithm =
        KeySetting.algorithm(type, SensorInput.deviceSettings(type, request.deviceSettings()));
    ApiCalls before = clients.counter().totals();
    // Keys for the names that have none start now, beside the SDK's start-up and the reads.
    int keysNeeded =
        request.dryRun()
            ? 0
            : request.newCertificate()
                ? names.size()
                : (int) names.stream().filter(n -> !folders.keys(n).exists()).count();
    try (KeyGeneration keys = KeyGeneration.start(keysNeeded, algorithm)) {
      requireInstalled(type);
      CertificateResource certificates = new CertificateResource(clients.iot());
      Endpoint endpoint = new Endpoint();
      SensorAddition addition =
          new SensorAddition(
              request,
              type,
              folders,
              things(),
              certificates,
              new LeftoverCertificates(clients.iot(), certificates, clients.retries()),
              endpoint::get,
              algorithm,
              keys,
              this::lock,
              new ConvergeEngine(listener));
      List<SensorResult> results =
          forEach(
              names,
              listener,
              addition::add,
              Optional.of(type.id()),
              type.devicePackageWriter().isPresent());
      return new SensorsResult(request.dryRun(), results, clients.counter().since(before));
    }
  }

  public SensorsResult remove(RemoveSensorsRequest request, IotsysListener listener) {
    return remove(request, listener, false);
  }

  /**
   * Removes sensors as {@link #remove(RemoveSensorsRequest, IotsysListener)} does.
   *
   * @param listed whether the names come from a listing of things (uninstall): their things and the
   *     certificates are then read in pages, however few they are
   */
  public SensorsResult remove(
      RemoveSensorsRequest request, IotsysListener listener, boolean listed) {
    request.typeId().ifPresent(registry::get);
    List<String> names = SensorInput.names(request.names());
    ApiCalls before = clients.counter().totals();
    CertificateResource certificates = new CertificateResource(clients.iot());
    ThingResource things = things();
    Optional<Fleet> fleet =
        listed || names.size() >= FLEET_READ
            ? Optional.of(Fleet.read(things, certificates, request.typeId()))
            : Optional.empty();
    SensorRemoval removal =
        new SensorRemoval(
            request,
            registry,
            folders,
            things,
            certificates,
            new LeftoverCertificates(clients.iot(), certificates, clients.retries()),
            this::lock,
            new ConvergeEngine(listener),
            fleet);
    List<SensorResult> results = forEach(names, listener, removal::remove, request.typeId(), false);
    if (!listed && results.stream().anyMatch(r -> r.outcome() == SensorOutcome.ABSENT)) {
      List<String> existing = names(request.typeId());
      results = results.stream().map(r -> nothingThere(r, existing, request.dryRun())).toList();
    }
    return new SensorsResult(request.dryRun(), results, clients.counter().since(before));
  }

  /**
   * A removal that found nothing stays a success (removing twice is safe), but says so, with the
   * nearest sensor there is: a mistyped name must not look like a removal.
   */
  private static SensorResult nothingThere(SensorResult r, List<String> existing, boolean dryRun) {
    if (r.outcome() != SensorOutcome.ABSENT) {
      return r;
    }
    List<String> actions = new ArrayList<>(r.actions());
    actions.add(
        "nothing "
            + (dryRun ? "would be" : "was")
            + " removed"
            + Suggestion.hint(r.name(), existing));
    return new SensorResult(
        r.name(),
        r.typeId(),
        r.outcome(),
        r.certificateId(),
        r.keyFolder(),
        r.packageFolder(),
        actions,
        r.error(),
        r.errorKind(),
        r.steps());
  }

  /**
   * The sensors as their things record them: the things and the certificates read in pages, no call
   * per sensor (see {@link SensorCatalog#list}).
   */
  public List<SensorInfo> list(Optional<String> typeId) {
    typeId.ifPresent(registry::get);
    return catalog().list(typeId);
  }

  /**
   * The sensors with the certificates really attached to their things: one listing of each thing's
   * principals, concurrently, each API at its own rate; for {@code status}.
   */
  public List<SensorInfo> check(Optional<String> typeId) {
    typeId.ifPresent(registry::get);
    return catalog().check(typeId);
  }

  /** Only the sensors' names, sorted: one listing, no thing or certificate described. */
  public List<String> names(Optional<String> typeId) {
    typeId.ifPresent(registry::get);
    return catalog().names(typeId);
  }

  private SensorCatalog catalog() {
    return new SensorCatalog(registry, folders, things(), new CertificateResource(clients.iot()));
  }

  private ThingResource things() {
    return new ThingResource(clients.iot(), clients::iotWithPatch, detachPoll, detachAttempts);
  }

  /** The type's thing type and device policy must exist: {@code iotsys install} makes them. */
  private void requireInstalled(SensorType type) {
    TypeStack stack = new TypeStack(clients, clients.iot(), type, null, null);
    ThingTypeResource resource = stack.thingType();
    Optional<DescribeThingTypeResponse> thingType = ConvergeEngine.read(resource);
    // The thing type's only possible drift is deprecation: a deprecated type takes no new things.
    boolean deprecated = thingType.isPresent() && !resource.differences(thingType.get()).isEmpty();
    boolean policy = ConvergeEngine.read(stack.devicePolicy()).isPresent();
    if (thingType.isEmpty() || deprecated || !policy) {
      throw new IotsysException(
          ErrorKind.PRECONDITION,
          "Sensor type "
              + type.id()
              + " is not installed in this AWS account and region: run 'iotsys install --db NAME'"
              + " first");
    }
  }

  /**
   * Changes to one name run one at a time in one home (see {@link NameLock}); taken only once a
   * command knows it will change something, so a refusal or a dry run writes nothing.
   */
  private NameLock lock(String name) {
    return NameLock.acquire(folders, name);
  }

  private List<SensorResult> forEach(
      List<String> names,
      IotsysListener listener,
      BiFunction<String, ActionLog, SensorResult> work,
      Optional<String> typeId,
      boolean hasPackage) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(THREADS, names.size()),
            r -> {
              Thread t = new Thread(r, "iotsys-sensor");
              t.setDaemon(true);
              return t;
            });
    AtomicInteger started = new AtomicInteger();
    try {
      List<Future<SensorResult>> futures = new ArrayList<>();
      for (String name : names) {
        futures.add(
            pool.submit(
                () -> {
                  listener.onEvent(
                      new IotsysEvent.Checking(
                          "sensor", name, started.incrementAndGet(), names.size()));
                  ActionLog log = new ActionLog(name, listener);
                  try {
                    return work.apply(name, log);
                  } catch (IotsysException e) {
                    return failed(name, typeId, log, e, hasPackage);
                  } catch (RuntimeException e) {
                    return failed(
                        name,
                        typeId,
                        log,
                        new IotsysException(ErrorKind.INTERNAL, "internal error: " + e, e),
                        hasPackage);
                  }
                }));
      }
      List<SensorResult> results = new ArrayList<>();
      for (Future<SensorResult> f : futures) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IotsysException(ErrorKind.INTERNAL, "Interrupted", e);
    } catch (ExecutionException e) {
      throw new IotsysException(ErrorKind.INTERNAL, "internal error: " + e.getCause(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  private SensorResult failed(
      String name, Optional<String> typeId, ActionLog log, IotsysException e, boolean hasPackage) {
    log.found("failed: " + e.getMessage());
    return new SensorResult(
        name,
        typeId,
        SensorOutcome.FAILED,
        Optional.empty(),
        Optional.of(folders.keys(name).path()),
        hasPackage && typeId.isPresent()
            ? Optional.of(folders.devicePackage(typeId.get(), name))
            : Optional.empty(),
        log.actions(),
        Optional.of(e.getMessage()),
        Optional.of(e.kind()),
        log.steps());
  }

  /** The devices' endpoint, asked once per command (moto answers a new host on every call). */
  private final class Endpoint {
    private String host;

    synchronized String get() {
      if (host == null) {
        host =
            aws(
                "reading the iot:Data-ATS endpoint",
                () ->
                    clients
                        .iot()
                        .describeEndpoint(r -> r.endpointType("iot:Data-ATS"))
                        .endpointAddress());
      }
      return host;
    }
  }
}
