package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.crypto.DeviceKey;
import dev.iotsys.internal.sensor.local.KeyFolder;
import java.util.List;
import java.util.Optional;

/**
 * The last of a rotation: the new key replaces the old one, only after the new certificate is
 * active and the old one retired.
 */
public final class KeyPromotionStep extends SensorStep<Boolean> {
  private final KeyFolder keys;
  private final boolean rotate;
  private final Optional<KeyStep.Keys> made;
  private final ActionLog log;

  public KeyPromotionStep(
      KeyFolder keys, String shown, boolean rotate, Optional<KeyStep.Keys> made, ActionLog log) {
    super("key-promotion", shown, Outcome.UPDATED);
    this.keys = keys;
    this.rotate = rotate;
    this.made = made;
    this.log = log;
  }

  @Override
  public Optional<Boolean> done() {
    return rotate ? Optional.empty() : Optional.of(false);
  }

  @Override
  public List<String> plan() {
    return List.of("would replace the private key in " + name() + " with the new one");
  }

  @Override
  public Boolean run() {
    DeviceKey next = made.orElseThrow().next();
    LocalWrite.write(() -> keys.promote(next), "Cannot replace the private key in " + name());
    log.change("replaced the private key in " + name() + " with the new one");
    return true;
  }
}
