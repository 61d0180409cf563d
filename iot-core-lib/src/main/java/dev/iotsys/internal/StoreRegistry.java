package dev.iotsys.internal;

import dev.iotsys.spi.ReadingStore;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/** The reading stores on the class path, found with {@link PluginRegistry}, sorted by id. */
public final class StoreRegistry {
  /** The store {@code install} uses when none is named and none is installed yet. */
  public static final String DEFAULT = "timestream";

  private final PluginRegistry<ReadingStore> plugins;

  private StoreRegistry(PluginRegistry<ReadingStore> plugins) {
    this.plugins = plugins;
  }

  /** Loads every store visible to the class loader. */
  public static StoreRegistry load(ClassLoader loader) {
    return load(PluginJars.builtIn(loader), (jar, why) -> {});
  }

  /** Loads every store of iotsys and of the plugin jars; skipped jars are reported. */
  public static StoreRegistry load(PluginJars jars, BiConsumer<Path, String> skipped) {
    return new StoreRegistry(
        PluginRegistry.load(
            ReadingStore.class,
            jars,
            "store",
            ReadingStore::id,
            "[a-z0-9]{2,32}",
            "2 to 32 lower-case letters or digits",
            skipped));
  }

  /** Every store, sorted by id. */
  public List<ReadingStore> all() {
    return plugins.all();
  }

  /** The store with this id; an unknown id is an input error that lists the known ones. */
  public ReadingStore get(String id) {
    return plugins.get(id);
  }

  /** The default store, or the only one when the default is not on the class path. */
  public ReadingStore defaultStore() {
    return plugins
        .find(DEFAULT)
        .orElseGet(
            () -> {
              List<ReadingStore> all = all();
              return all.size() == 1 ? all.get(0) : plugins.get(DEFAULT);
            });
  }
}
