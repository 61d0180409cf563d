package dev.iotsys.internal.sensor.steps;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.iot.ThingResource;
import java.util.List;
import java.util.Optional;

/**
 * The sensor's {@code --publish-every} recorded on its thing ({@link ThingResource#PUBLISH_EVERY})
 * when the run names it, as the device package gets it: {@code status}, {@code sensor list} and the
 * dashboard then expect its readings every interval times N, in bursts, and do not call a buffering
 * board silent. A run that does not name it leaves both the package and the record as they are.
 */
public final class PublishEveryStep extends SensorStep<Integer> {
  private final int wanted;
  private final int recorded;
  private final ThingResource things;
  private final ActionLog log;

  /**
   * @param wanted the value the run names
   * @param recorded the value the thing holds (1 when it holds none)
   */
  public PublishEveryStep(
      String name, int wanted, int recorded, ThingResource things, ActionLog log) {
    super("thing-publish-every", name, Outcome.UPDATED);
    this.wanted = wanted;
    this.recorded = recorded;
    this.things = things;
    this.log = log;
  }

  @Override
  public Optional<Integer> done() {
    return wanted == recorded ? Optional.of(recorded) : Optional.empty();
  }

  @Override
  public List<String> plan() {
    return List.of("would record publish every " + wanted + " on thing " + name());
  }

  @Override
  public Integer run() {
    aws(
        "recording publish every " + wanted + " on thing " + name(),
        () -> things.record(name(), ThingResource.PUBLISH_EVERY, Integer.toString(wanted)));
    log.change("recorded publish every " + wanted + " on thing " + name());
    return wanted;
  }
}
