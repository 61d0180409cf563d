package dev.iotsys.internal;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Where plugins come from: iotsys's own class loader (the built-in sensor types and stores), then
 * one class loader per jar of the plugin folders, each a child of iotsys's. A loader per jar keeps
 * each plugin's origin known (a duplicate id names both jars) and lets one broken jar be skipped
 * while the others load. The jars see iotsys and its libraries (the spi, sensor-micropython) and
 * nothing of each other.
 */
public final class PluginJars {
  /** What {@link Source#origin()} says for iotsys's own plugins. */
  public static final String BUILT_IN = "built-in";

  /**
   * A class loader plugins are looked up in.
   *
   * @param loader the loader
   * @param jar the plugin jar it reads; empty for iotsys's own loader
   */
  public record Source(ClassLoader loader, Optional<Path> jar) {
    /** {@value #BUILT_IN} or the jar's path: what {@code sensor-type list} shows. */
    public String origin() {
      return jar.map(Path::toString).orElse(BUILT_IN);
    }
  }

  private final List<Source> sources;

  private PluginJars(List<Source> sources) {
    this.sources = List.copyOf(sources);
  }

  /** iotsys's own loader only. */
  public static PluginJars builtIn(ClassLoader base) {
    return new PluginJars(List.of(new Source(base, Optional.empty())));
  }

  /**
   * iotsys's own loader, then every {@code *.jar} of the folders (a folder that does not exist
   * holds none), in name order.
   *
   * @param skipped told the jar and the reason of each jar that cannot be opened
   */
  public static PluginJars open(
      ClassLoader base, List<Path> folders, BiConsumer<Path, String> skipped) {
    List<Source> sources = new ArrayList<>();
    sources.add(new Source(base, Optional.empty()));
    for (Path folder : folders) {
      for (Path jar : jars(folder, skipped)) {
        try {
          readable(jar);
          sources.add(new Source(loader(jar, base), Optional.of(jar)));
        } catch (IOException | SecurityException e) {
          skipped.accept(jar, "not a readable jar (" + e.getMessage() + ")");
        }
      }
    }
    return new PluginJars(sources);
  }

  private static List<Path> jars(Path folder, BiConsumer<Path, String> skipped) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
          .map(f -> f.toAbsolutePath().normalize())
          .sorted()
          .toList();
    } catch (IOException e) {
      skipped.accept(folder, "the folder cannot be listed (" + e.getMessage() + ")");
      return List.of();
    }
  }

  /** Opens the jar once: a file that is no zip fails here, not silently in the class loader. */
  private static void readable(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      file.getManifest();
    }
  }

  private static ClassLoader loader(Path jar, ClassLoader base) throws MalformedURLException {
    URL url = jar.toUri().toURL();
    return new URLClassLoader("iotsys-plugin " + jar.getFileName(), new URL[] {url}, base);
  }

  /** iotsys's own loader first, then the jars' in folder and name order. */
  public List<Source> sources() {
    return sources;
  }
}
