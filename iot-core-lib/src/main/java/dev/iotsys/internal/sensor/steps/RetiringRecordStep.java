package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.sensor.local.KeyFolder;
import java.util.List;
import java.util.Optional;

/**
 * Records in the key folder the certificates about to be retired that nothing else in this home
 * names ({@link KeyFolder#RETIRING}), before any of them loses its thing: a run killed after the
 * detach still finds them.
 */
public final class RetiringRecordStep extends SensorStep<Boolean> {
  private final KeyFolder keys;
  private final List<String> ids;
  private final String shown;

  public RetiringRecordStep(KeyFolder keys, List<String> ids, String shown) {
    super("retiring-record", shown, Outcome.UPDATED);
    this.keys = keys;
    this.ids = ids;
    this.shown = shown;
  }

  @Override
  public Optional<Boolean> done() {
    return ids.isEmpty() ? Optional.of(false) : Optional.empty();
  }

  @Override
  public List<String> plan() {
    return List.of();
  }

  @Override
  public Boolean run() {
    LocalWrite.write(() -> keys.recordRetiring(ids), "Cannot write to " + shown);
    return true;
  }
}
