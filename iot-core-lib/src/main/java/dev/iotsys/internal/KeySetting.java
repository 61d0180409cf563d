package dev.iotsys.internal;

import dev.iotsys.spi.DeviceSetting;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.spi.SensorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device setting {@code --key} that the core adds to a sensor type offering more than one key
 * algorithm ({@link SensorType#keyAlgorithms()}): the user picks the algorithm of the keys {@code
 * sensor add} makes; the type's package writer never sees the setting, only a key of that kind.
 */
public final class KeySetting {
  /** The setting's name, {@code --key}; a type with several algorithms may not declare its own. */
  public static final String NAME = "key";

  private KeySetting() {}

  /** The setting, for a type that offers a choice; empty for one with a single algorithm. */
  public static Optional<DeviceSetting> of(SensorType type) {
    List<KeyAlgorithm> offered = type.keyAlgorithms();
    if (offered.size() < 2) {
      return Optional.empty();
    }
    List<String> ids = offered.stream().map(KeyAlgorithm::id).toList();
    List<String> described = new ArrayList<>();
    offered.forEach(a -> described.add(a.id() + " (" + a.description() + ")"));
    return Optional.of(
        DeviceSetting.oneOf(
            NAME,
            "the device key a new certificate is made for: "
                + String.join(" or ", described)
                + " (default: "
                + ids.get(0)
                + ")",
            ids));
  }

  /** The type's own settings and, when it offers a choice, {@code --key}. */
  public static List<DeviceSetting> withKey(SensorType type) {
    List<DeviceSetting> all = new ArrayList<>(type.deviceSettings());
    of(type).ifPresent(all::add);
    return List.copyOf(all);
  }

  /**
   * The algorithm new keys are made with: the one the parsed settings name, else the type's first.
   */
  public static KeyAlgorithm algorithm(SensorType type, Map<String, Object> settings) {
    Object chosen = settings.get(NAME);
    return chosen instanceof String id && of(type).isPresent()
        ? KeyAlgorithm.of(id)
        : type.keyAlgorithms().get(0);
  }
}
