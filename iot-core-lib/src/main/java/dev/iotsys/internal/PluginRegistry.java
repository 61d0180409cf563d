package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Plugins of one kind (sensor types, reading stores), found once with {@link ServiceLoader} and
 * kept by id, sorted. Sensor types and stores are found the same way, by this class.
 *
 * @param <T> the plugin interface
 */
public final class PluginRegistry<T> {
  private final String what;
  private final Map<String, T> byId;

  private PluginRegistry(String what, Map<String, T> byId) {
    this.what = what;
    this.byId = Collections.unmodifiableMap(byId);
  }

  /**
   * Loads every plugin of a kind visible to the class loader.
   *
   * @param what how users call the kind, e.g. {@code sensor type}
   * @param idPattern the ids this kind allows, with {@code idHelp} saying it in words
   */
  static <T> PluginRegistry<T> load(
      Class<T> type,
      ClassLoader loader,
      String what,
      Function<T, String> id,
      String idPattern,
      String idHelp) {
    return of(
        what,
        ServiceLoader.load(type, loader).stream().map(ServiceLoader.Provider::get).toList(),
        id,
        idPattern,
        idHelp);
  }

  /** A registry of the given plugins; fails on an invalid or duplicate id. */
  static <T> PluginRegistry<T> of(
      String what, List<T> plugins, Function<T, String> id, String idPattern, String idHelp) {
    Map<String, T> byId = new LinkedHashMap<>();
    plugins.stream()
        .sorted((a, b) -> String.valueOf(id.apply(a)).compareTo(String.valueOf(id.apply(b))))
        .forEach(
            plugin -> {
              String key = id.apply(plugin);
              if (key == null || !key.matches(idPattern)) {
                throw new IotsysException(
                    ErrorKind.CONFIGURATION,
                    capitalized(what)
                        + " "
                        + plugin.getClass().getName()
                        + " has an invalid id '"
                        + key
                        + "': use "
                        + idHelp);
              }
              T earlier = byId.putIfAbsent(key, plugin);
              if (earlier != null) {
                throw new IotsysException(
                    ErrorKind.CONFIGURATION,
                    "Two "
                        + what
                        + "s on the class path"
                        + " share the id '"
                        + key
                        + "': "
                        + earlier.getClass().getName()
                        + " and "
                        + plugin.getClass().getName());
              }
            });
    return new PluginRegistry<>(what, byId);
  }

  /** Every plugin, sorted by id. */
  public List<T> all() {
    return List.copyOf(byId.values());
  }

  /** The plugin with this id, if there is one. */
  public Optional<T> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The plugin with this id; an unknown id is an input error that lists the known ones. */
  public T get(String id) {
    T plugin = byId.get(id);
    if (plugin == null) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Unknown "
              + what
              + " '"
              + Names.printable(id)
              + "'"
              + dev.iotsys.api.Suggestion.closest(id, byId.keySet())
                  .map(c -> " (did you mean '" + c + "'?)")
                  .orElse("")
              + "; known "
              + what
              + "s: "
              + (byId.isEmpty()
                  ? "none (no " + what + " module on the class path)"
                  : String.join(", ", byId.keySet())));
    }
    return plugin;
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
