package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MosquittoBroker;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.TestCa;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/**
 * A new sensor type from {@code sensor-type new} to a reading: the project is generated, built with
 * Maven (its unit tests and its firmware test in MicroPython included) against this build's iotsys
 * artifacts, its jar dropped into a home's plugin folder, installed on moto, a sensor added and
 * tested against Mosquitto with mutual TLS.
 *
 * <p>The generated build never touches the shared local repository's iotsys artifacts: it gets a
 * local repository of its own under target/, holding this reactor's iotsys jars as if installed,
 * and every other artifact from the user's repository, read as a remote file repository (releases
 * only, so its iotsys snapshots are never read).
 */
@ExtendWith({MotoServer.class, MosquittoBroker.class})
class SensorTypeNewIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path WORK = Path.of("target", "sensor-type-new-it").toAbsolutePath();

  private static Path project;
  private static Path jar;

  @TempDir Path home;

  @BeforeAll
  static void generateAndBuild() throws Exception {
    deleteTree(WORK);
    Files.createDirectories(WORK);
    project = generateAndPackage("soil", "moisture:%:0..100", "esp32");
    jar = project.resolve("target/sensor-soil-0.1.0-SNAPSHOT.jar");
    assertTrue(Files.isRegularFile(jar));
  }

  /** Generates a type's project and runs its own build: compile, unit tests, firmware test. */
  private static Path generateAndPackage(String id, String measure, String board) throws Exception {
    Path dir = WORK.resolve("sensor-" + id);
    CliRun generated =
        CliRun.inProcess(
            Map.of(),
            "sensor-type",
            "new",
            id,
            "--measure",
            measure,
            "--board",
            board,
            "--dir",
            dir.toString());
    assertEquals(0, generated.exitCode(), generated.err());

    Path repo = iotsysRepository();
    Path log = WORK.resolve(id + "-mvn.log");
    Process mvn =
        new ProcessBuilder(
                "mvn",
                "-B",
                "-q",
                "-s",
                settings().toString(),
                "-Dmaven.repo.local=" + repo,
                "package")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    assertTrue(mvn.waitFor(15, TimeUnit.MINUTES), "mvn package did not finish in 15 minutes");
    assertEquals(0, mvn.exitValue(), Files.readString(log));
    return dir;
  }

  @Test
  void anEsp8266Type_generatedAndBuilt_passesItsOwnTests_andPackagesItsFirmware() throws Exception {
    Path esp8266 = generateAndPackage("attic", "temperature:°C:-40..85", "esp8266");

    Path built = esp8266.resolve("target/sensor-attic-0.1.0-SNAPSHOT.jar");
    assertTrue(Files.isRegularFile(built));
    try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(built.toFile())) {
      assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
          .contains("META-INF/services/dev.iotsys.spi.SensorType")
          .anyMatch(n -> n.endsWith("/firmware/board.py"))
          .anyMatch(n -> n.endsWith("/firmware/contract.json"));
    }
  }

  /** This reactor's iotsys artifacts laid out as 'mvn install' lays them out, and nothing else. */
  private static Path iotsysRepository() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    Path repo = WORK.resolve("m2");
    String v = SensorTypeProject.iotsysVersion();
    put(repo, "iotsys-parent", v, root.resolve("pom.xml"), ".pom");
    for (String module : List.of("iot-core-lib", "sensor-micropython")) {
      Path target = root.resolve(module).resolve("target");
      put(repo, module, v, root.resolve(module).resolve("pom.xml"), ".pom");
      put(repo, module, v, target.resolve(module + "-" + v + ".jar"), ".jar");
      put(repo, module, v, target.resolve(module + "-" + v + "-tests.jar"), "-tests.jar");
    }
    return repo;
  }

  private static void put(Path repo, String artifact, String v, Path from, String suffix)
      throws IOException {
    Path dir = repo.resolve("dev/iotsys").resolve(artifact).resolve(v);
    Files.createDirectories(dir);
    Files.copy(
        from,
        dir.resolve(artifact + "-" + v + suffix),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static Path settings() throws IOException {
    String m2 = Path.of(System.getProperty("user.home"), ".m2", "repository").toUri().toString();
    String repository =
        "<id>user-m2</id><url>" + m2 + "</url><snapshots><enabled>false</enabled></snapshots>";
    Path settings = WORK.resolve("settings.xml");
    Files.writeString(
        settings,
        "<settings><profiles><profile><id>offline-copies</id>"
            + "<repositories><repository>"
            + repository
            + "</repository></repositories>"
            + "<pluginRepositories><pluginRepository>"
            + repository
            + "</pluginRepository></pluginRepositories>"
            + "</profile></profiles>"
            + "<activeProfiles><activeProfile>offline-copies</activeProfile></activeProfiles>"
            + "</settings>\n");
    return settings;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private CliRun iotsys(MotoServer.Instance moto, String... args) {
    return CliRun.againstMoto(moto, home, Map.of(), args);
  }

  @Test
  void generatedBuild_ranItsJavaTestsAndPackagedTheTypeAndItsFirmware() throws Exception {
    try (Stream<Path> reports = Files.list(project.resolve("target/surefire-reports"))) {
      assertThat(reports.map(p -> p.getFileName().toString()))
          .contains(
              "TEST-iotsys.plugin.soil.SoilSensorTypeTest.xml",
              "TEST-iotsys.plugin.soil.SoilContractTest.xml");
    }
    assertTrue(Files.isDirectory(project.resolve("firmware/node_modules/@micropython")));
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      assertThat(file.stream().map(java.util.jar.JarEntry::getName))
          .contains(
              "META-INF/services/dev.iotsys.spi.SensorType",
              "iotsys/plugin/soil/SoilSensorType.class",
              "iotsys/plugin/soil/firmware/contract.json",
              "iotsys/plugin/soil/firmware/sensor.py",
              "iotsys/plugin/soil/firmware/cycle.py")
          .noneMatch(n -> n.startsWith("dev/iotsys/"));
    }
  }

  @Test
  void pluginJar_installs_addsASensor_andReachesPuback(
      MotoServer.Instance moto, MosquittoBroker.Instance ignored) throws Exception {
    Files.createDirectories(home.resolve(".iotsys/plugins"));
    Files.copy(jar, home.resolve(".iotsys/plugins").resolve(jar.getFileName()));

    CliRun list = iotsys(moto, "sensor-type", "list");
    assertThat(list.out())
        .contains("soil", "from " + home.resolve(".iotsys/plugins/" + jar.getFileName()));

    CliRun first = iotsys(moto, "install", "--db", "home");
    assertEquals(0, first.exitCode(), first.err());
    assertThat(first.out())
        .contains(
            "CREATED      iot-thing-type       soil",
            "CREATED      iot-topic-rule       iotsys_soil",
            "CREATED      timestream-table     home.soil");
    try (IotClient iot = MotoAws.iot(moto);
        TimestreamWriteClient ts = MotoAws.timestream(moto)) {
      assertThat(iot.listThingTypes().thingTypes()).anyMatch(t -> t.thingTypeName().equals("soil"));
      assertThat(iot.getTopicRule(r -> r.ruleName("iotsys_soil")).rule().sql())
          .contains("moisture", "'soil/+'");
      assertEquals(
          "soil",
          ts.describeTable(r -> r.databaseName("home").tableName("soil")).table().tableName());
    }
    CliRun second = iotsys(moto, "install", "--db", "home", "--output", "json");
    assertEquals(0, second.exitCode(), second.err());
    assertEquals(0, JSON.readTree(second.out()).at("/apiCalls/write").asInt(), second.out());

    CliRun add =
        CliRun.againstMoto(
            moto,
            home,
            Map.of("IOTSYS_WIFI_PASSWORD", "password1"),
            "sensor",
            "add",
            "soil",
            "bed1",
            "--wifi-ssid",
            "net",
            "--publish-every",
            "6");
    assertEquals(0, add.exitCode(), add.err());
    Path pkg = home.resolve("sensor-soil/sensors/bed1");
    for (String f :
        List.of("cert.pem", "key.pem", "ca.pem", "config.json", "sensor.py", "board.py")) {
      assertTrue(Files.isRegularFile(pkg.resolve(f)), f);
    }
    JsonNode config = JSON.readTree(pkg.resolve("config.json").toFile());
    assertEquals("soil/bed1", config.get("topic").asText());
    // The board settings of the built-in types: fewer wake-ups, and thresholds the board compares.
    assertEquals(6, config.path("publish_every").asInt(), "publish_every");
    CliRun alerts = iotsys(moto, "alerts", "enable", "--email", "me@example.com");
    assertEquals(0, alerts.exitCode(), alerts.out() + alerts.err());
    CliRun thresholds = iotsys(moto, "alerts", "set", "bed1", "--above", "80", "--below", "10");
    assertEquals(0, thresholds.exitCode(), thresholds.out() + thresholds.err());
    config = JSON.readTree(pkg.resolve("config.json").toFile());
    assertEquals(
        80, config.at("/thresholds/moisture/above").asInt(), config.path("thresholds") + "");
    assertEquals(
        10, config.at("/thresholds/moisture/below").asInt(), config.path("thresholds") + "");

    try (MosquittoBroker.Instance broker =
            MosquittoBroker.start(
                MosquittoBroker.Settings.signedBy(TestCa.shared()).withType("soil/+"));
        MosquittoBroker.Subscriber subscriber = broker.subscribe("soil/#")) {
      CliRun test =
          iotsys(
              moto,
              "sensor",
              "test",
              "bed1",
              "--endpoint",
              broker.endpoint(),
              "--ca-file",
              TestCa.shared().caPem().toString(),
              "--wait",
              "0");
      assertEquals(0, test.exitCode(), test.out() + test.err());
      assertThat(test.out()).containsPattern("\n  ok    puback +\\S");
      MosquittoBroker.Message m = subscriber.next(Duration.ofSeconds(10));
      assertEquals("soil/bed1", m.topic());
      assertThat(m.payload()).matches("\\{\"moisture\": [0-9]+\\.[0-9]+\\}");
    }
  }

  @Test
  void classDataArchive_madeWithoutPlugins_stillMaps_whenAPluginIsLoaded() throws Exception {
    Path cliJar = Path.of("target", "iotsys.jar").toAbsolutePath();
    Path plugins = Files.createDirectories(home.resolve("plugins"));
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    Path list = home.resolve("classes.lst");
    Path archive = home.resolve("iotsys.jsa");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    run(home, java, "-XX:DumpLoadedClassList=" + list, "-jar", cliJar.toString(), "--version");
    run(
        home,
        java,
        "-Xshare:dump",
        "-XX:SharedClassListFile=" + list,
        "-XX:SharedArchiveFile=" + archive,
        "-cp",
        cliJar.toString());

    // -Xshare:on stops the JVM when the archive cannot be mapped (a class path that differs).
    List<String> out =
        run(
            home,
            java,
            "-Xshare:on",
            "-XX:SharedArchiveFile=" + archive,
            "-Xlog:class+load=info",
            "-jar",
            cliJar.toString(),
            "sensor-type",
            "list");
    assertThat(out).anyMatch(l -> l.contains("soil") && l.contains("soil/+"));
    assertThat(out)
        .anyMatch(l -> l.contains("dev.iotsys.cli.IotsysCli source: shared objects file"))
        .anyMatch(l -> l.contains("iotsys.plugin.soil.SoilSensorType source: file:" + plugins));
  }

  private List<String> run(Path dir, String... command) throws Exception {
    File log = dir.resolve("run.log").toFile();
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("IOTSYS_PLUGINS", dir.resolve("plugins").toString());
    pb.environment().put("IOTSYS_HOME", dir.toString());
    Process p = pb.redirectErrorStream(true).redirectOutput(log).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    List<String> lines = new ArrayList<>(Files.readAllLines(log.toPath()));
    assertEquals(0, p.exitValue(), String.join("\n", lines));
    return lines;
  }
}
