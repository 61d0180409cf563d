package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.SensorType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The sensor types on the class path, loaded once with {@link ServiceLoader}, sorted by id. */
public final class SensorTypeRegistry {
  private static final String ID_PATTERN = "[a-zA-Z0-9_]{3,64}";

  private final Map<String, SensorType> byId;

  private SensorTypeRegistry(Map<String, SensorType> byId) {
    this.byId = Collections.unmodifiableMap(byId);
  }

  /** Loads every sensor type visible to the class loader. */
  public static SensorTypeRegistry load(ClassLoader loader) {
    return of(ServiceLoader.load(SensorType.class, loader).stream()
        .map(ServiceLoader.Provider::get)
        .toList());
  }

  /** A registry of the given types; fails on an invalid or duplicate id. */
  public static SensorTypeRegistry of(List<SensorType> types) {
    Map<String, SensorType> byId = new LinkedHashMap<>();
    types.stream()
        .sorted((a, b) -> String.valueOf(a.id()).compareTo(String.valueOf(b.id())))
        .forEach(type -> {
          String id = type.id();
          if (id == null || !id.matches(ID_PATTERN)) {
            throw new IotsysException(ErrorKind.CONFIGURATION,
                "Sensor type " + type.getClass().getName() + " has an invalid id '" + id
                    + "': use 3 to 64 letters, digits or underscores");
          }
          SensorType earlier = byId.putIfAbsent(id, type);
          if (earlier != null) {
            throw new IotsysException(ErrorKind.CONFIGURATION,
                "Two sensor types on the class path share the id '" + id + "': "
                    + earlier.getClass().getName() + " and " + type.getClass().getName());
          }
        });
    return new SensorTypeRegistry(byId);
  }

  /** Every type, sorted by id. */
  public List<SensorType> all() {
    return List.copyOf(byId.values());
  }

  /** The type with this id; an unknown id is an input error that lists the known ones. */
  public SensorType get(String id) {
    SensorType type = byId.get(id);
    if (type == null) {
      throw new IotsysException(ErrorKind.INVALID_INPUT,
          "Unknown sensor type '" + Names.printable(id) + "'; known types: "
              + (byId.isEmpty() ? "none (no sensor module on the class path)"
                  : String.join(", ", byId.keySet())));
    }
    return type;
  }
}
