package dev.iotsys.internal.sensor.steps;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.iot.ThingResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;

/**
 * The sensor's thing, made with {@code managedBy=iotsys}. One that appears between the read and the
 * create (another home adding the same sensor, on AWS told "already exists") is read again and must
 * be iotsys's and of the type, as a thing found at the read must be.
 */
public final class ThingStep extends SensorStep<ThingResource.State> {
  private final Optional<ThingResource.State> found;
  private final String thingType;
  private final ThingResource things;
  private final Consumer<ThingResource.State> requireOurs;
  private final ActionLog log;

  public ThingStep(
      String name,
      Optional<ThingResource.State> found,
      String thingType,
      ThingResource things,
      Consumer<ThingResource.State> requireOurs,
      ActionLog log) {
    super("thing", name, Outcome.CREATED);
    this.found = found;
    this.thingType = thingType;
    this.things = things;
    this.requireOurs = requireOurs;
    this.log = log;
  }

  @Override
  public Optional<ThingResource.State> done() {
    return found;
  }

  @Override
  public List<String> plan() {
    return List.of("would create thing " + name() + " of type " + thingType);
  }

  @Override
  public ThingResource.State run() {
    try {
      things.create(name(), thingType);
    } catch (ResourceAlreadyExistsException e) {
      Optional<ThingResource.State> raced =
          aws("reading thing " + name(), () -> things.describe(name()));
      if (raced.isEmpty()) {
        throw AwsErrors.translate(e, "creating thing " + name());
      }
      requireOurs.accept(raced.get());
      log.found("thing " + name() + " was created meanwhile by another run");
      return raced.get();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "creating thing " + name());
    }
    log.change("created thing " + name() + " of type " + thingType);
    return new ThingResource.State(
        name(), thingType, Map.of(ThingResource.MANAGED_BY, ThingResource.IOTSYS));
  }
}
