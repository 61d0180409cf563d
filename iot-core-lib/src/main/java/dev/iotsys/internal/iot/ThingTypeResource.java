package dev.iotsys.internal.iot;

import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.Resource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.DescribeThingTypeResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * The IoT thing type of a sensor type. Its properties cannot change; only deprecation can. AWS
 * deletes a thing type only 5 minutes after it was deprecated.
 */
public final class ThingTypeResource
    implements Resource<DescribeThingTypeResponse>, Deleter<DescribeThingTypeResponse> {
  /** AWS's wait between DeprecateThingType and DeleteThingType. */
  static final Duration DELETION_DELAY = Duration.ofMinutes(5);

  /** Pauses the calling thread; replaced in tests. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final IotClient iot;
  private final String name;
  private final String description;
  private final boolean waitForDeletion;
  private final Clock clock;
  private final Sleeper sleeper;

  public ThingTypeResource(IotClient iot, String name, String description) {
    this(iot, name, description, false);
  }

  /**
   * A thing type that, when deleted and AWS is not ready yet, either waits for AWS's 5 minutes
   * ({@code waitForDeletion}) or reports the deletion as pending.
   */
  public ThingTypeResource(
      IotClient iot, String name, String description, boolean waitForDeletion) {
    this(
        iot,
        name,
        description,
        waitForDeletion,
        Clock.systemUTC(),
        d -> Thread.sleep(d.toMillis()));
  }

  ThingTypeResource(
      IotClient iot,
      String name,
      String description,
      boolean waitForDeletion,
      Clock clock,
      Sleeper sleeper) {
    this.iot = iot;
    this.name = name;
    this.description = description;
    this.waitForDeletion = waitForDeletion;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  @Override
  public String kind() {
    return "iot-thing-type";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<DescribeThingTypeResponse> read() {
    try {
      return Optional.of(iot.describeThingType(r -> r.thingTypeName(name)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> differences(DescribeThingTypeResponse actual) {
    return deprecated(actual) ? List.of("deprecated") : List.of();
  }

  private static boolean deprecated(DescribeThingTypeResponse actual) {
    return actual.thingTypeMetadata() != null
        && Boolean.TRUE.equals(actual.thingTypeMetadata().deprecated());
  }

  @Override
  public void create() {
    iot.createThingType(
        r -> r.thingTypeName(name).thingTypeProperties(p -> p.thingTypeDescription(description)));
  }

  @Override
  public void update(DescribeThingTypeResponse actual) {
    iot.deprecateThingType(r -> r.thingTypeName(name).undoDeprecate(true));
  }

  @Override
  public Optional<String> delete(DescribeThingTypeResponse actual) {
    Instant deprecatedAt =
        deprecated(actual) && actual.thingTypeMetadata().deprecationDate() != null
            ? actual.thingTypeMetadata().deprecationDate()
            : null;
    if (deprecatedAt == null) {
      iot.deprecateThingType(r -> r.thingTypeName(name));
      deprecatedAt = clock.instant();
    }
    Instant deletable = deprecatedAt.plus(DELETION_DELAY);
    while (true) {
      try {
        iot.deleteThingType(r -> r.thingTypeName(name));
        return Optional.empty();
      } catch (InvalidRequestException refused) {
        Instant now = clock.instant();
        // AWS refuses within 5 minutes of the deprecation; anything else is a real failure.
        if (now.isAfter(deletable.plusSeconds(60))) {
          throw refused;
        }
        if (!waitForDeletion) {
          return Optional.of(
              "thing type "
                  + name
                  + " is deprecated; AWS deletes it 5 minutes"
                  + " later: run the uninstall again after "
                  + DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
                      .withZone(ZoneOffset.UTC)
                      .format(deletable)
                  + " or add --wait");
        }
        pause(Duration.between(now, deletable).plusSeconds(5));
      }
    }
  }

  private void pause(Duration d) {
    try {
      sleeper.sleep(d.isNegative() ? Duration.ofSeconds(5) : d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting to delete thing type " + name, e);
    }
  }
}
