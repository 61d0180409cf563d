package dev.iotsys.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each store is one place: its own package and one line in META-INF/services. Nothing outside a
 * store's package names its AWS service or its classes, and a store reaches the core only through
 * {@code api} and {@code spi}. Read from the sources, so a fully qualified name counts too.
 */
class StoreBoundaryTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern IOTSYS_REFERENCE = Pattern.compile("dev\\.iotsys\\.([a-z]+)");

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static String packageOf(Path file) {
    return SOURCES.relativize(file.getParent()).toString().replace('/', '.');
  }

  @Test
  void timestream_isNamedOnlyInItsStoresPackage() throws IOException {
    assertThat(
            offenders(
                "dev.iotsys.store.timestream",
                "software.amazon.awssdk.services.timestream",
                "dev.iotsys.store.timestream"))
        .isEmpty();
  }

  @Test
  void dynamoDb_isNamedOnlyInItsStoresPackage() throws IOException {
    assertThat(
            offenders(
                "dev.iotsys.store.dynamodb",
                "software.amazon.awssdk.services.dynamodb",
                "dev.iotsys.store.dynamodb"))
        .isEmpty();
  }

  @Test
  void stores_useOnlyTheApiAndSpiOfTheCore() throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      if (!packageOf(file).startsWith("dev.iotsys.store.")) {
        continue;
      }
      Matcher m = IOTSYS_REFERENCE.matcher(Files.readString(file));
      while (m.find()) {
        if (!List.of("api", "spi", "store").contains(m.group(1))) {
          found.add(file + ": dev.iotsys." + m.group(1));
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void everyStore_isListedInTheServicesFile() throws IOException {
    List<String> listed =
        Files.readAllLines(
            Path.of("src/main/resources/META-INF/services/dev.iotsys.spi.ReadingStore"));
    List<String> stores = new ArrayList<>();
    for (Path file : sources()) {
      if (Files.readString(file).contains("implements ReadingStore")) {
        stores.add(packageOf(file) + "." + file.getFileName().toString().replace(".java", ""));
      }
    }
    assertThat(stores).hasSize(2);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(stores);
  }

  private static List<String> offenders(String ownPackage, String... names) throws IOException {
    List<String> found = new ArrayList<>();
    for (Path file : sources()) {
      if (packageOf(file).equals(ownPackage)) {
        continue;
      }
      String text = Files.readString(file);
      for (String name : names) {
        if (text.contains(name)) {
          found.add(file + " names " + name);
        }
      }
    }
    return found;
  }
}
