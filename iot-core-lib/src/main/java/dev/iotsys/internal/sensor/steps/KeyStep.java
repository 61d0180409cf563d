package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.crypto.DeviceKey;
import dev.iotsys.internal.engine.Step;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.sensor.local.KeyFolder;
import dev.iotsys.spi.KeyAlgorithm;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sensor's key pair: kept when the key folder has one, made when it has none, and for a
 * rotation ({@code --new-certificate}) a new one written beside the old ({@link
 * KeyFolder#NEXT_KEY}). Written before anything could certify it.
 */
public final class KeyStep implements Step<KeyStep.Keys> {
  /**
   * The keys the later steps use.
   *
   * @param current the key, null while a fresh one is not made yet
   * @param next a rotation's new key, or null
   * @param madeKey whether this run wrote {@code current}
   * @param madeNext whether this run wrote {@code next}
   */
  public record Keys(DeviceKey current, DeviceKey next, boolean madeKey, boolean madeNext) {
    /** The key a new certificate is requested for. */
    public DeviceKey signer(boolean rotate) {
      return rotate ? next : current;
    }

    /** Whether a key of this home (the current or the new one) certifies the certificate. */
    public boolean certify(DeviceCertificate c) {
      return (current != null && current.matches(c.x509()))
          || (next != null && next.matches(c.x509()));
    }
  }

  /** How the key and the certificate are settled. */
  public enum Mode {
    /** The key here stays; its certificate is found again or issued. */
    KEEP,
    /** No key here: one is made, and a certificate for it. */
    FRESH,
    /** A new key beside the old one, a certificate for it, then the old ones go. */
    ROTATE
  }

  private final KeyFolder keys;
  private final KeyFolder.Contents contents;
  private final Mode mode;
  private final String shown;
  private final KeyAlgorithm algorithm;
  private final Supplier<DeviceKey> newKeys;
  private final ActionLog log;

  public KeyStep(
      KeyFolder keys,
      KeyFolder.Contents contents,
      Mode mode,
      String shown,
      KeyAlgorithm algorithm,
      Supplier<DeviceKey> newKeys,
      ActionLog log) {
    this.keys = keys;
    this.contents = contents;
    this.mode = mode;
    this.shown = shown;
    this.algorithm = algorithm;
    this.newKeys = newKeys;
    this.log = log;
  }

  @Override
  public String kind() {
    return "key";
  }

  @Override
  public String name() {
    return shown;
  }

  @Override
  public Optional<Keys> done() {
    if (mode == Mode.KEEP || (mode == Mode.ROTATE && contents.next().isPresent())) {
      return Optional.of(
          new Keys(contents.key().orElse(null), contents.next().orElse(null), false, false));
    }
    return Optional.empty();
  }

  @Override
  public List<String> plan() {
    return List.of(
        mode == Mode.FRESH
            ? "would generate an " + algorithm.description() + " key in " + shown
            : "would generate a new " + algorithm.description() + " key in " + shown);
  }

  @Override
  public Keys run() {
    if (mode == Mode.FRESH) {
      DeviceKey made = newKeys.get();
      LocalWrite.write(() -> keys.writeKey(made), "Cannot write the private key to " + shown);
      log.change("generated an " + made.algorithm().description() + " key in " + shown);
      return new Keys(made, contents.next().orElse(null), true, false);
    }
    DeviceKey next = newKeys.get();
    LocalWrite.write(() -> keys.writeNextKey(next), "Cannot write the new private key to " + shown);
    log.change(
        "generated a new "
            + next.algorithm().description()
            + " key in "
            + shown
            + "/"
            + KeyFolder.NEXT_KEY
            + "; it replaces the old key once its certificate is active");
    return new Keys(contents.key().orElse(null), next, false, true);
  }

  @Override
  public Outcome change() {
    return Outcome.CREATED;
  }
}
