package dev.iotsys.internal.sensor.steps;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.iot.ThingResource;
import java.util.List;
import java.util.Optional;

/** The sensor's thing deleted, last: it is what later runs find a sensor by. */
public final class ThingDeletionStep extends SensorStep<Boolean> {
  private final ThingResource things;
  private final ActionLog log;

  public ThingDeletionStep(String name, ThingResource things, ActionLog log) {
    super("thing", name, Outcome.DELETED);
    this.things = things;
    this.log = log;
  }

  @Override
  public Optional<Boolean> done() {
    return Optional.empty();
  }

  @Override
  public List<String> plan() {
    return List.of("would delete thing " + name());
  }

  @Override
  public Boolean run() {
    aws("deleting thing " + name(), () -> things.delete(name()));
    log.change("deleted thing " + name());
    return true;
  }
}
