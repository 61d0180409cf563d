package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The packaged command line as a user runs it, on the local files: a key that exists but cannot be
 * read is never replaced, and everything iotsys creates is private whatever the umask.
 *
 * <p>The unreadable cases need a user that file permissions apply to, and root reads everything:
 * run as root (as CI does), the test runs the command line as uid 65534 with {@code setpriv}, on a
 * home it hands to that user; run as another user, it runs it as that user. It fails, never skips,
 * when it can do neither.
 */
@ExtendWith(MotoServer.class)
class LocalFilesIT {
  private static final int NOBODY = 65534;
  private static final String PASSWORD = "correct horse battery";

  private MotoServer.Instance moto;

  /** Readable by the unprivileged user: the jar, its libraries, the homes. */
  private Path base;

  private Path jar;

  @BeforeEach
  void prepare(MotoServer.Instance moto) throws Exception {
    this.moto = moto;
    base = Files.createTempDirectory(reachableByAll(), "iotsys-local-files-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path target = Path.of("target").toAbsolutePath();
    Path bin = Files.createDirectory(base.resolve("bin"));
    jar = Files.copy(target.resolve("iotsys.jar"), bin.resolve("iotsys.jar"));
    Path lib = Files.createDirectory(bin.resolve("lib"));
    try (Stream<Path> libs = Files.list(target.resolve("lib"))) {
      for (Path l : libs.toList()) {
        Files.copy(l, lib.resolve(l.getFileName()));
      }
    }
    run(List.of("chmod", "-R", "a+rX", bin.toString()));
  }

  @AfterEach
  void clean() throws Exception {
    run(List.of("rm", "-rf", base.toString()));
  }

  /**
   * A folder for temporary files that every user can reach: the JVM's own may not be (a sandbox
   * keeps /tmp at 0700).
   */
  private static Path reachableByAll() throws Exception {
    for (String candidate : List.of(System.getProperty("java.io.tmpdir"), "/var/tmp", "/dev/shm")) {
      Path dir = Path.of(candidate).toAbsolutePath();
      boolean reachable = Files.isDirectory(dir) && Files.isWritable(dir);
      for (Path p = dir; p != null && reachable; p = p.getParent()) {
        reachable =
            Files.getPosixFilePermissions(p)
                .contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
      }
      if (reachable) {
        return dir;
      }
    }
    throw new AssertionError("no temporary folder that an unprivileged user can reach");
  }

  private static int uid() throws Exception {
    return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertEquals(0, p.exitValue(), String.join(" ", command));
  }

  /** The command line in its own process; {@code prefix} runs before java (a user, a umask). */
  private CliRun iotsys(Path home, List<String> prefix, String... args) throws Exception {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:-UsePerfData",
            "-Djava.io.tmpdir=" + base,
            "-jar",
            jar.toString(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            MotoServer.REGION,
            "--home",
            home.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(base.toFile());
    pb.environment().clear();
    pb.environment()
        .putAll(
            Map.of(
                "PATH",
                System.getenv("PATH"),
                "HOME",
                base.toString(),
                "AWS_ACCESS_KEY_ID",
                "testing",
                "AWS_SECRET_ACCESS_KEY",
                "testing",
                "IOTSYS_WIFI_PASSWORD",
                PASSWORD));
    File out = Files.createTempFile("iotsys-out", ".txt").toFile();
    File err = Files.createTempFile("iotsys-err", ".txt").toFile();
    Process p = pb.redirectOutput(out).redirectError(err).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("iotsys finished").isTrue();
    CliRun result =
        new CliRun(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
    Files.delete(out.toPath());
    Files.delete(err.toPath());
    return result;
  }

  /** How to run as a user that permissions apply to. */
  private static List<String> unprivileged() throws Exception {
    if (uid() != 0) {
      return List.of();
    }
    assertThat(Path.of("/usr/bin/setpriv")).as("setpriv (util-linux), to drop root").isExecutable();
    return List.of(
        "/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--");
  }

  private Path homeOfTheUnprivilegedUser() throws Exception {
    Path home = Files.createDirectory(base.resolve("home"));
    CliRun install =
        CliRun.inProcess(
            Map.of(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            MotoServer.REGION,
            "install",
            "--db",
            "home");
    assertEquals(0, install.exitCode(), install.err());
    CliRun add =
        CliRun.inProcess(
            Map.of("IOTSYS_WIFI_PASSWORD", PASSWORD),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            MotoServer.REGION,
            "--home",
            home.toString(),
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "--wifi-ssid",
            "net");
    assertEquals(0, add.exitCode(), add.err());
    if (uid() == 0) {
      run(List.of("chown", "-R", NOBODY + ":" + NOBODY, home.toString()));
    }
    return home;
  }

  /** Every file and folder under the home: its mode and, for a file, its bytes. */
  private static Map<String, String> state(Path home) throws Exception {
    Map<String, String> all = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(home)) {
      for (Path p : walk.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        all.put(
            home.relativize(p).toString(),
            Files.isRegularFile(p)
                ? mode + " " + java.util.Arrays.hashCode(Files.readAllBytes(p))
                : mode);
      }
    }
    return all;
  }

  private void assertRefusedNamingAndUnchanged(
      Path home, String mode, String file, String... message) throws Exception {
    Path keys = home.resolve("certificates/kitchen");
    Files.setPosixFilePermissions(
        file == null ? keys : keys.resolve(file), PosixFilePermissions.fromString(mode));
    Map<String, String> before = state(home);

    CliRun run =
        iotsys(
            home, unprivileged(), "sensor", "add", "esp8266temp", "kitchen", "--wifi-ssid", "net");

    assertEquals(6, run.exitCode(), run.out() + run.err());
    assertThat(run.out())
        .contains("FAILED        kitchen: ")
        .contains(message)
        .contains("nothing was changed");
    assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    assertEquals(before, state(home), "the home is as it was, modes included");
    try (IotClient iot = MotoAws.iot(moto)) {
      assertThat(iot.listCertificates().certificates())
          .hasSize(1)
          .allSatisfy(c -> assertEquals("ACTIVE", c.statusAsString()));
    }
  }

  @Test
  void add_asAUser_whenTheKeyFolderCannotBeEntered_failsNamingIt_andWritesNothing()
      throws Exception {
    Path home = homeOfTheUnprivilegedUser();
    assertRefusedNamingAndUnchanged(
        home, "rw-------", null, "certificates/kitchen", "permission denied");
  }

  @Test
  void add_asAUser_whenTheKeyFileCannotBeRead_failsNamingIt_andWritesNothing() throws Exception {
    Path home = homeOfTheUnprivilegedUser();
    assertRefusedNamingAndUnchanged(
        home,
        "---------",
        "private-key.der",
        "certificates/kitchen/private-key.der",
        "permission denied");
  }

  @Test
  void add_underUmask000_makesEveryFolder0700AndEveryFile0600() throws Exception {
    Path home = base.resolve("new/home");
    CliRun install =
        CliRun.inProcess(
            Map.of(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            MotoServer.REGION,
            "install",
            "--db",
            "home");
    assertEquals(0, install.exitCode(), install.err());

    CliRun add =
        iotsys(
            home,
            List.of("/bin/sh", "-c", "umask 000 && exec \"$0\" \"$@\""),
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "--wifi-ssid",
            "net");

    assertEquals(0, add.exitCode(), add.err());
    Map<String, String> state = state(base.resolve("new"));
    assertThat(state)
        .isNotEmpty()
        .containsEntry("home", "rwx------")
        .containsEntry("home/certificates", "rwx------")
        .containsEntry("home/certificates/.locks", "rwx------")
        .containsEntry("home/sensor-esp8266temp", "rwx------")
        .containsEntry("home/sensor-esp8266temp/sensors", "rwx------")
        .containsEntry("home/sensor-esp8266temp/sensors/kitchen", "rwx------");
    assertThat(state.get("home/certificates/.locks/kitchen.lock")).startsWith("rw------- ");
    state.forEach((path, mode) -> assertThat(mode).as(path).matches("rwx------|rw------- .*"));
  }
}
