package dev.iotsys.internal;

import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.api.StatusResult;
import dev.iotsys.api.StatusResult.ResourceStatus;
import dev.iotsys.api.StatusResult.SensorStatus;
import dev.iotsys.api.StatusResult.State;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.internal.storage.ReadingStore;
import dev.iotsys.internal.storage.Since;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code iotsys status}: install's own dry run shown as state, so status and install can never
 * disagree about what "converged" means; plus each sensor's certificates and newest reading.
 */
public final class StatusReporter {
  /** How far back status looks for a sensor's newest reading. */
  static final Since READING_WINDOW = Since.parse("30d");

  private final AwsClients clients;
  private final Installer installer;
  private final ReadingStore store;
  private final SensorTypeRegistry registry;
  private final Function<Optional<String>, List<SensorInfo>> sensors;

  public StatusReporter(AwsClients clients, Installer installer, ReadingStore store,
      SensorTypeRegistry registry, Function<Optional<String>, List<SensorInfo>> sensors) {
    this.clients = clients;
    this.installer = installer;
    this.store = store;
    this.registry = registry;
    this.sensors = sensors;
  }

  public StatusResult status(String database, IotsysListener listener) {
    ApiCalls before = clients.counter().totals();
    InstallResult plan = installer.install(database, true, listener);
    List<ResourceStatus> resources = plan.resources().stream().map(StatusReporter::state).toList();
    boolean databasePresent = resources.stream()
        .anyMatch(r -> r.kind().equals("timestream-database") && r.state() != State.MISSING);
    List<SensorInfo> all = sensors.apply(Optional.empty());
    Map<String, Map<String, Instant>> lastByType = new HashMap<>();
    if (databasePresent) {
      // One query per sensor type, not one per sensor.
      for (String typeId : all.stream().map(SensorInfo::typeId).distinct().toList()) {
        registry.all().stream().filter(t -> t.id().equals(typeId)).findFirst().ifPresent(t ->
            lastByType.put(typeId, store.lastReadings(database, t, new TypeNames(t.id()),
                READING_WINDOW)));
      }
    }
    List<SensorStatus> sensorStates = all.stream()
        .map(s -> SensorStatus.of(s,
            Optional.ofNullable(lastByType.getOrDefault(s.typeId(), Map.of()).get(s.name()))))
        .toList();
    return new StatusResult(database, resources, sensorStates, clients.counter().since(before));
  }

  private static ResourceStatus state(ResourceResult r) {
    State state = switch (r.outcome()) {
      case WOULD_CREATE -> State.MISSING;
      case WOULD_UPDATE -> State.DRIFTED;
      default -> State.PRESENT;
    };
    return new ResourceStatus(r.kind(), r.name(), state,
        state == State.DRIFTED ? r.differences() : List.of());
  }
}
