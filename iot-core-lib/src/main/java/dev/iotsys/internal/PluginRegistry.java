package dev.iotsys.internal;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;
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
  private final Map<String, String> originById;

  private PluginRegistry(String what, Map<String, T> byId, Map<String, String> originById) {
    this.what = what;
    this.byId = Collections.unmodifiableMap(byId);
    this.originById = Collections.unmodifiableMap(originById);
  }

  /**
   * Loads every plugin of a kind from iotsys's own class loader and each plugin jar, with the same
   * {@link ServiceLoader} lookup. A jar whose plugins cannot be loaded (a missing class, a
   * constructor that throws, a class built against another spi) is skipped whole and reported; a
   * built-in plugin that cannot be loaded fails, as a broken installation.
   *
   * @param what how users call the kind, e.g. {@code sensor type}
   * @param idPattern the ids this kind allows, with {@code idHelp} saying it in words
   * @param skipped told each skipped jar and why
   */
  static <T> PluginRegistry<T> load(
      Class<T> type,
      PluginJars jars,
      String what,
      Function<T, String> id,
      String idPattern,
      String idHelp,
      BiConsumer<Path, String> skipped) {
    List<T> plugins = new ArrayList<>();
    Map<T, String> origins = new IdentityHashMap<>();
    for (PluginJars.Source source : jars.sources()) {
      List<T> found;
      try {
        found =
            ServiceLoader.load(type, source.loader()).stream()
                // A jar's loader sees iotsys's plugins too, through its parent: those are
                // the built-in source's.
                .filter(p -> source.jar().isEmpty() || p.type().getClassLoader() == source.loader())
                .map(ServiceLoader.Provider::get)
                .toList();
      } catch (ServiceConfigurationError | LinkageError e) {
        if (source.jar().isEmpty()) {
          throw e;
        }
        skipped.accept(source.jar().get(), "its " + what + "s cannot be loaded: " + reason(e));
        continue;
      }
      found.forEach(p -> origins.put(p, source.origin()));
      plugins.addAll(found);
    }
    return of(what, plugins, id, idPattern, idHelp, p -> origins.get(p));
  }

  private static String reason(Throwable e) {
    String reason = String.valueOf(e.getMessage());
    for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
      reason = reason + ": " + c;
    }
    return reason;
  }

  /** A registry of the given plugins; fails on an invalid or duplicate id. */
  static <T> PluginRegistry<T> of(
      String what, List<T> plugins, Function<T, String> id, String idPattern, String idHelp) {
    return of(what, plugins, id, idPattern, idHelp, p -> PluginJars.BUILT_IN);
  }

  private static <T> PluginRegistry<T> of(
      String what,
      List<T> plugins,
      Function<T, String> id,
      String idPattern,
      String idHelp,
      Function<T, String> origin) {
    Map<String, T> byId = new LinkedHashMap<>();
    Map<String, String> originById = new LinkedHashMap<>();
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
                        + " ("
                        + origin.apply(plugin)
                        + ") has an invalid id '"
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
                        + "s share the id '"
                        + key
                        + "': "
                        + earlier.getClass().getName()
                        + " ("
                        + originById.get(key)
                        + ") and "
                        + plugin.getClass().getName()
                        + " ("
                        + origin.apply(plugin)
                        + "); remove one");
              }
              originById.put(key, origin.apply(plugin));
            });
    return new PluginRegistry<>(what, byId, originById);
  }

  /**
   * Where the plugin with this id came from.
   *
   * @return {@value PluginJars#BUILT_IN} or the jar's path
   */
  public String origin(String id) {
    return originById.getOrDefault(id, PluginJars.BUILT_IN);
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
