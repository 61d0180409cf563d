package dev.iotsys.internal;

import dev.iotsys.spi.SensorType;
import java.util.List;

/** The sensor types on the class path, found with {@link PluginRegistry}, sorted by id. */
public final class SensorTypeRegistry {
  private final PluginRegistry<SensorType> plugins;

  private SensorTypeRegistry(PluginRegistry<SensorType> plugins) {
    this.plugins = plugins;
  }

  /** Loads every sensor type visible to the class loader. */
  public static SensorTypeRegistry load(ClassLoader loader) {
    return new SensorTypeRegistry(
        PluginRegistry.load(
            SensorType.class, loader, "sensor type", SensorType::id, ID_PATTERN, ID_HELP));
  }

  /** A registry of the given types; fails on an invalid or duplicate id. */
  public static SensorTypeRegistry of(List<SensorType> types) {
    return new SensorTypeRegistry(
        PluginRegistry.of("sensor type", types, SensorType::id, ID_PATTERN, ID_HELP));
  }

  private static final String ID_PATTERN = "[a-zA-Z0-9_]{3,64}";
  private static final String ID_HELP = "3 to 64 letters, digits or underscores";

  /** Every type, sorted by id. */
  public List<SensorType> all() {
    return plugins.all();
  }

  /** The type with this id; an unknown id is an input error that lists the known ones. */
  public SensorType get(String id) {
    return plugins.get(id);
  }
}
