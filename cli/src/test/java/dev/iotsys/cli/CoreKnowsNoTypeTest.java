package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.api.Iotsys;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.SensorType;
import dev.iotsys.testing.DeviceCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core knows no sensor type: neither the ids of the types on this module's class path (every
 * real one), nor the files their packages hold, appear in the core's sources (javadoc included) or
 * in its compiled classes. The names come from the types themselves: each writes a package into a
 * temporary folder, and every file it wrote is a name the core must not know.
 */
class CoreKnowsNoTypeTest {
  @TempDir static Path packages;

  private static final List<String> names = new ArrayList<>();

  /** A name as a word of its own: {@code key.der}, not the core's own {@code private-key.der}. */
  private static boolean names(String text, String name) {
    return java.util.regex.Pattern.compile(
            "(?<![A-Za-z0-9_.-])" + java.util.regex.Pattern.quote(name) + "(?![A-Za-z0-9_(])",
            java.util.regex.Pattern.CASE_INSENSITIVE)
        .matcher(text)
        .find();
  }

  @BeforeAll
  static void namesOfEveryTypeAndItsPackageFiles() throws IOException {
    List<SensorType> types =
        ServiceLoader.load(SensorType.class).stream().map(ServiceLoader.Provider::get).toList();
    assertThat(types).extracting(SensorType::id).contains("esp8266temp", "esp32bme280");
    TreeSet<String> found = new TreeSet<>();
    for (SensorType type : types) {
      found.add(type.id());
      DevicePackageWriter writer = type.devicePackageWriter().orElseThrow();
      DeviceCredentials device = DeviceCredentials.make("kitchen", type.keyAlgorithms().get(0));
      Path folder = packages.resolve(type.id());
      writer.write(
          new DevicePackage(
              "kitchen",
              "e",
              8883,
              type.id() + "/kitchen",
              "n",
              "",
              device.certificate(),
              device.privateKey(),
              folder));
      try (Stream<Path> files = Files.list(folder)) {
        // The manifest is a dot file of sensor-micropython's, not a board's.
        files
            .map(f -> f.getFileName().toString())
            .filter(n -> !n.startsWith("."))
            .forEach(found::add);
      }
    }
    names.addAll(found);
  }

  @Test
  void theCoresSources_nameNoTypeAndNoPackageFile() throws IOException {
    Path sources = Path.of("..", "iot-core-lib", "src", "main").toAbsolutePath().normalize();
    assertTrue(Files.isDirectory(sources), sources.toString());
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        for (String name : names) {
          if (names(text, name)) {
            hits.add(sources.relativize(f) + " names " + name);
          }
        }
      }
    }
    assertThat(hits).isEmpty();
  }

  @Test
  void theCoresClasses_nameNoTypeAndNoPackageFile() throws IOException, URISyntaxException {
    Path core = Path.of(Iotsys.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> hits = new ArrayList<>();
    int classes = 0;
    if (Files.isDirectory(core)) {
      try (Stream<Path> files = Files.walk(core)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
          classes++;
          check(core.relativize(f).toString(), Files.readAllBytes(f), hits);
        }
      }
    } else {
      try (JarFile jar = new JarFile(core.toFile())) {
        for (JarEntry e : java.util.Collections.list(jar.entries())) {
          if (e.getName().endsWith(".class")) {
            classes++;
            try (InputStream in = jar.getInputStream(e)) {
              check(e.getName(), in.readAllBytes(), hits);
            }
          }
        }
      }
    }
    assertThat(classes).as("the core's classes at " + core).isGreaterThan(100);
    assertThat(hits).isEmpty();
  }

  /** A class file's constant pool holds its strings as modified UTF-8: ASCII names show as is. */
  private static void check(String file, byte[] bytes, List<String> hits) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    for (String name : names) {
      if (names(text, name)) {
        hits.add(file + " names " + name);
      }
    }
  }
}
