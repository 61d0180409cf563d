package dev.iotsys.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.SensorType;
import dev.iotsys.testing.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars in a folder: found with the built-in plugins, each with its origin, or skipped. */
class IotsysPluginFolderTest {
  @TempDir Path dir;

  private final List<IotsysEvent.PluginSkipped> skipped = new ArrayList<>();

  private Iotsys build(Path... folders) {
    Iotsys.Builder b =
        Iotsys.builder()
            .home(dir)
            .region("us-east-1")
            .credentials("a", "b")
            .listener(e -> skipped.add((IotsysEvent.PluginSkipped) e));
    for (Path f : folders) {
      b.pluginFolder(f);
    }
    return b.build();
  }

  private static Path soilJar(Path jar, String className) throws Exception {
    return new PluginJar()
        .source(className, PluginJar.sensorType(className, "soil"))
        .service(SensorType.class, className)
        .writeTo(jar);
  }

  private static Map<String, String> origins(Iotsys iotsys) {
    return iotsys.sensorTypes().stream()
        .collect(Collectors.toMap(SensorTypeInfo::id, SensorTypeInfo::origin));
  }

  @Test
  void build_withAPluginFolder_findsTheJarsType_besideTheBuiltInOnes_withItsOrigin()
      throws Exception {
    Path jar = soilJar(dir.resolve("plugins/soil.jar"), "plugin.Soil");

    try (Iotsys iotsys = build(dir.resolve("plugins"))) {
      Map<String, String> origins = origins(iotsys);
      assertEquals(jar.toString(), origins.get("soil"));
      assertEquals("built-in", origins.get("testhumidity"));
    }
    assertThat(skipped).isEmpty();
  }

  @Test
  void build_withoutThePluginFolder_knowsNoPluginType() throws Exception {
    soilJar(dir.resolve("plugins/soil.jar"), "plugin.Soil");

    try (Iotsys iotsys = build()) {
      assertThat(origins(iotsys)).doesNotContainKey("soil");
    }
  }

  @Test
  void build_withAFolderThatDoesNotExist_knowsTheBuiltInTypes() {
    try (Iotsys iotsys = build(dir.resolve("none"))) {
      assertThat(origins(iotsys)).containsKey("testhumidity");
    }
    assertThat(skipped).isEmpty();
  }

  @Test
  void build_whenTwoJarsInTwoFoldersShareAnId_failsNamingBothJars() throws Exception {
    Path a = soilJar(dir.resolve("one/soil-a.jar"), "plugin.a.Soil");
    Path b = soilJar(dir.resolve("two/soil-b.jar"), "plugin.b.Soil");

    IotsysException e =
        assertThrows(IotsysException.class, () -> build(dir.resolve("one"), dir.resolve("two")));

    assertEquals(ErrorKind.CONFIGURATION, e.kind());
    assertThat(e.getMessage())
        .contains("share the id 'soil'")
        .contains(a.toString())
        .contains(b.toString());
  }

  @Test
  void build_whenAJarRepeatsABuiltInId_failsNamingTheJarAndBuiltIn() throws Exception {
    Path jar =
        new PluginJar()
            .source("plugin.Copy", PluginJar.sensorType("plugin.Copy", "testhumidity"))
            .service(SensorType.class, "plugin.Copy")
            .writeTo(dir.resolve("plugins/copy.jar"));

    IotsysException e = assertThrows(IotsysException.class, () -> build(dir.resolve("plugins")));

    assertThat(e.getMessage()).contains("(built-in)").contains(jar.toString());
  }

  @Test
  void build_whenAJarNamesAClassItLacks_skipsThatJarWithAnEvent_andLoadsTheOthers()
      throws Exception {
    Path broken =
        new PluginJar()
            .service(SensorType.class, "plugin.Missing")
            .writeTo(dir.resolve("plugins/a-broken.jar"));
    Path good = soilJar(dir.resolve("plugins/b-soil.jar"), "plugin.Soil");

    try (Iotsys iotsys = build(dir.resolve("plugins"))) {
      assertEquals(good.toString(), origins(iotsys).get("soil"));
    }
    assertThat(skipped).hasSize(1);
    assertEquals(broken, skipped.get(0).jar());
    assertThat(skipped.get(0).reason()).contains("plugin.Missing");
  }

  @Test
  void build_whenAJarsTypeThrowsInItsConstructor_skipsThatJar() throws Exception {
    String code =
        PluginJar.sensorType("plugin.Angry", "angry")
            .replace(
                "public String id()",
                "public Angry() { throw new IllegalStateException(\"no\"); }\n  public String id()");
    Path jar =
        new PluginJar()
            .source("plugin.Angry", code)
            .service(SensorType.class, "plugin.Angry")
            .writeTo(dir.resolve("plugins/angry.jar"));

    try (Iotsys iotsys = build(dir.resolve("plugins"))) {
      assertThat(origins(iotsys)).doesNotContainKey("angry").containsKey("testhumidity");
    }
    assertEquals(List.of(jar), skipped.stream().map(IotsysEvent.PluginSkipped::jar).toList());
  }

  @Test
  void build_whenAJarIsNoZip_skipsItWithAnEvent() throws Exception {
    Path notJar = Files.createDirectories(dir.resolve("plugins")).resolve("notes.jar");
    Files.writeString(notJar, "not a zip");

    try (Iotsys iotsys = build(dir.resolve("plugins"))) {
      assertThat(origins(iotsys)).containsKey("testhumidity");
    }
    assertEquals(notJar, skipped.get(0).jar());
    assertThat(skipped.get(0).reason()).contains("not a readable jar");
  }

  @Test
  void build_withAJarThatHoldsAStore_offersTheStore() throws Exception {
    String store =
        """
        package plugin;
        import dev.iotsys.spi.*;
        import java.time.*;
        import java.util.*;
        public final class JarStore implements ReadingStore {
          public String id() { return "jarstore"; }
          public String description() { return "a store from a jar"; }
          public List<Resource<?>> databaseResources(AwsServices aws, String database) {
            return List.of();
          }
          public List<Resource<?>> typeResources(AwsServices a, String d, SensorType t) {
            return List.of();
          }
          public RuleTarget ruleTarget(String database, SensorType type, String roleArn) {
            throw new UnsupportedOperationException();
          }
          public List<Map<String, Object>> writeStatements(AwsAccount a, String d, SensorType t) {
            return List.of();
          }
          public Optional<String> databaseOf(Map<String, Object> action, SensorType type) {
            return Optional.empty();
          }
          public List<StoredReading> readings(
              AwsServices a, String d, SensorType t, String device, Duration w, int limit) {
            return List.of();
          }
          public List<MeasureStats> stats(
              AwsServices a, String d, SensorType t, String device, Duration w) {
            return List.of();
          }
          public Map<String, Instant> newestReadings(
              AwsServices a, String d, SensorType t, List<String> devices, Duration w) {
            return Map.of();
          }
        }
        """;
    new PluginJar()
        .source("plugin.JarStore", store)
        .service(ReadingStore.class, "plugin.JarStore")
        .writeTo(dir.resolve("plugins/store.jar"));

    try (Iotsys iotsys = build(dir.resolve("plugins"))) {
      assertThat(iotsys.stores().stream().map(StoreInfo::id)).contains("jarstore", "timestream");
    }
  }
}
