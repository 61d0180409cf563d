package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.KeyAlgorithm;
import dev.iotsys.spi.SensorType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.function.BiConsumer;

/** The sensor types on the class path, found with {@link PluginRegistry}, sorted by id. */
public final class SensorTypeRegistry {
  private final PluginRegistry<SensorType> plugins;

  private SensorTypeRegistry(PluginRegistry<SensorType> plugins) {
    this.plugins = plugins;
  }

  /** Loads every sensor type visible to the class loader. */
  public static SensorTypeRegistry load(ClassLoader loader) {
    return load(PluginJars.builtIn(loader), (jar, why) -> {});
  }

  /** Loads every sensor type of iotsys and of the plugin jars; skipped jars are reported. */
  public static SensorTypeRegistry load(PluginJars jars, BiConsumer<Path, String> skipped) {
    return checked(
        PluginRegistry.load(
            SensorType.class, jars, "sensor type", SensorType::id, ID_PATTERN, ID_HELP, skipped));
  }

  /** A registry of the given types; fails on an invalid or duplicate id. */
  public static SensorTypeRegistry of(List<SensorType> types) {
    return checked(PluginRegistry.of("sensor type", types, SensorType::id, ID_PATTERN, ID_HELP));
  }

  /**
   * Fails, as a broken plugin, on a type whose declarations the core cannot use: no measure, a
   * reading interval under a second, no key algorithm or one twice, or its own {@code --key} beside
   * the one the core adds.
   */
  private static SensorTypeRegistry checked(PluginRegistry<SensorType> plugins) {
    for (SensorType t : plugins.all()) {
      String problem = null;
      Duration interval = t.readingInterval();
      List<KeyAlgorithm> keys = t.keyAlgorithms();
      if (t.measures() == null || t.measures().isEmpty()) {
        problem = "declares no measure";
      } else if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
        problem = "declares a reading interval under a second";
      } else if (keys == null || keys.isEmpty() || new HashSet<>(keys).size() != keys.size()) {
        problem = "declares no key algorithm, or one twice";
      } else if (keys.size() > 1
          && t.deviceSettings().stream().anyMatch(d -> d.name().equals(KeySetting.NAME))) {
        problem =
            "declares a device setting --"
                + KeySetting.NAME
                + ", which iotsys adds itself for a type with several key algorithms";
      }
      if (problem != null) {
        throw new IotsysException(
            ErrorKind.CONFIGURATION,
            "Sensor type "
                + t.id()
                + " ("
                + t.getClass().getName()
                + ", "
                + plugins.origin(t.id())
                + ") "
                + problem);
      }
    }
    return new SensorTypeRegistry(plugins);
  }

  private static final String ID_PATTERN = "[a-zA-Z0-9_]{3,64}";
  private static final String ID_HELP = "3 to 64 letters, digits or underscores";

  /** Every type, sorted by id. */
  public List<SensorType> all() {
    return plugins.all();
  }

  /** Where the type with this id came from: {@value PluginJars#BUILT_IN} or its jar's path. */
  public String origin(String id) {
    return plugins.origin(id);
  }

  /** The type with this id; an unknown id is an input error that lists the known ones. */
  public SensorType get(String id) {
    return plugins.get(id);
  }
}
