package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/** {@code iotsys sensor add|list|remove} end to end: the command line on a real moto server. */
@ExtendWith(MotoServer.class)
class SensorCommandsIT {
  private static final String PASSWORD = "s3cret pa$$ / & \" \\ x";

  @TempDir Path home;

  private MotoServer.Instance moto;
  private String out;
  private String err;

  @BeforeEach
  void moto(MotoServer.Instance moto) {
    this.moto = moto;
  }

  private int iotsys(Map<String, String> env, String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of("--region", MotoServer.REGION, "--endpoint-url", moto.endpoint().toString()));
    // Every command in the test's home: install writes its settings there, never into the
    // module's folder.
    if (!all.contains("--home")) {
      all.addAll(List.of("--home", home.toString()));
    }
    int code =
        new IotsysCli(
                new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8),
                env,
                false)
            .run(all.toArray(String[]::new));
    out = o.toString(StandardCharsets.UTF_8);
    err = e.toString(StandardCharsets.UTF_8);
    assertThat(out + err).doesNotContain(PASSWORD).doesNotContain("pa$$");
    return code;
  }

  /** Lines on standard error besides the warning that --wifi-password always earns. */
  private long errorLines() {
    return err.lines().filter(l -> !l.startsWith("iotsys: warning: --wifi-password")).count();
  }

  private int iotsys(String... args) {
    return iotsys(Map.of(), args);
  }

  private void install() {
    assertEquals(0, iotsys("install", "--db", "home"), err);
  }

  @Test
  void add_list_remove_roundTrip(MotoServer.Instance moto) throws Exception {
    install();

    assertEquals(
        0,
        iotsys(
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "attic",
            "--wifi-ssid",
            "home net",
            "--wifi-password",
            PASSWORD),
        err);
    assertThat(err)
        .contains(
            "iotsys: warning: --wifi-password shows the Wi-Fi password to" + " every user",
            "IOTSYS_WIFI_PASSWORD");
    assertThat(out)
        .contains(
            "CREATED       kitchen",
            "CREATED       attic",
            "package sensor-esp8266temp/sensors/kitchen",
            "sensor add: 2 sensors, 2 created");
    JsonNode config =
        new ObjectMapper()
            .readTree(home.resolve("sensor-esp8266temp/sensors/kitchen/config.json").toFile());
    assertEquals(PASSWORD, config.get("wifi_password").asText());

    assertEquals(0, iotsys("sensor", "list", "--output", "json"), err);
    JsonNode list = new ObjectMapper().readTree(out).get("sensors");
    assertEquals(2, list.size());
    assertEquals("attic", list.get(0).get("name").asText());
    assertEquals("esp8266temp", list.get(0).get("type").asText());
    assertEquals("ACTIVE", list.get(0).get("certificates").get(0).get("status").asText());
    assertTrue(list.get(0).get("keyPresent").asBoolean());
    assertTrue(list.get(0).get("packagePresent").asBoolean());

    assertEquals(0, iotsys("sensor", "list", "esp8266temp"), err);
    assertThat(out).contains("NAME", "kitchen", "ACTIVE", "present", "2 sensors");

    assertEquals(0, iotsys("sensor", "remove", "esp8266temp", "kitchen", "attic"), err);
    assertThat(out).contains("DELETED       kitchen", "sensor remove: 2 sensors, 2 deleted");
    assertEquals(0, iotsys("sensor", "remove", "kitchen"), err);
    assertThat(out).contains("ABSENT        kitchen", "found no thing kitchen");
    try (IotClient iot = MotoAws.iot(moto)) {
      assertTrue(iot.listThings().things().isEmpty());
      assertTrue(iot.listCertificates().certificates().isEmpty());
    }
    assertFalse(Files.exists(home.resolve("certificates/kitchen")));
    assertFalse(Files.exists(home.resolve("sensor-esp8266temp/sensors/kitchen")));
  }

  @Test
  void remove_ofASymlinkedDevicePackage_refusesWithOneLine_andLeavesTheTargetAsItIs(
      @org.junit.jupiter.api.io.TempDir Path elsewhere) throws Exception {
    install();
    assertEquals(
        0,
        iotsys(
            Map.of("IOTSYS_WIFI_PASSWORD", PASSWORD),
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "--wifi-ssid",
            "home"),
        err);
    assertThat(err).doesNotContain("warning");
    Path pkg = home.resolve("sensor-esp8266temp/sensors/kitchen");
    Path target = elsewhere.resolve("kitchen");
    Files.move(pkg, target);
    Files.createSymbolicLink(pkg, target);

    assertEquals(6, iotsys("sensor", "remove", "kitchen"), out + err);

    assertThat(out)
        .contains(
            "FAILED        kitchen: sensor-esp8266temp/sensors/kitchen is a" + " symbolic link");
    assertTrue(Files.exists(target.resolve("config.json")));
    assertTrue(Files.exists(target.resolve("key.der")));
    assertTrue(Files.isSymbolicLink(pkg));
    try (IotClient iot = MotoAws.iot(moto)) {
      assertEquals(1, iot.listThings().things().size(), "nothing removed in AWS either");
    }
  }

  @Test
  void status_andList_fromAHomeWithoutTheKeys_sayKeyAbsent_andAreNotConverged() {
    install();
    assertEquals(
        0,
        iotsys(
            Map.of("IOTSYS_WIFI_PASSWORD", PASSWORD),
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "--wifi-ssid",
            "home"),
        err);
    Path elsewhere = home.resolve("elsewhere");
    CliRun status =
        CliRun.inProcess(
            Map.of(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            MotoServer.REGION,
            "--home",
            elsewhere.toString(),
            "status",
            "--db",
            "home");
    assertEquals(8, status.exitCode(), status.out() + status.err());
    assertThat(status.out())
        .contains("PROBLEM", "key: absent", "package: missing", "status: 1 problem");
    CliRun list =
        CliRun.inProcess(
            Map.of(),
            "--endpoint-url",
            moto.endpoint().toString(),
            "--region",
            MotoServer.REGION,
            "--home",
            elsewhere.toString(),
            "sensor",
            "list");
    assertThat(list.out()).contains("absent");
    assertEquals(0, iotsys("status", "--db", "home", "--home", home.toString()), out);
    assertThat(out).contains("key: present", "status: converged");
  }

  @Test
  void add_whenOneNameFails_addsTheOthersAndExitsSeven(MotoServer.Instance moto) {
    install();
    try (IotClient iot = MotoAws.iot(moto)) {
      iot.createThing(r -> r.thingName("garage"));
    }
    int code =
        iotsys(
            Map.of("IOTSYS_WIFI_PASSWORD", PASSWORD),
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "garage",
            "attic",
            "--wifi-ssid",
            "home",
            "--output",
            "json");
    assertEquals(7, code, err);
    assertThat(out).startsWith("{");
    assertThat(out).contains("\"name\":\"garage\",\"type\":\"esp8266temp\",\"outcome\":\"FAILED\"");
    assertThat(out).contains("\"succeeded\":false");
    assertTrue(Files.exists(home.resolve("sensor-esp8266temp/sensors/attic/config.json")));
  }

  @Test
  void add_withBadInput_printsOneLine_exitsTwo_andCreatesNothing(MotoServer.Instance moto) {
    install();
    Map<String, List<String>> cases =
        Map.of(
            "Invalid sensor name 'bad/name'", List.of("bad/name", "--wifi-password", PASSWORD),
            "is 33 bytes long", List.of("kitchen", "--wifi-password", PASSWORD),
            "The Wi-Fi password has 7 characters", List.of("kitchen", "--wifi-password", "pa$$ / "),
            "has 64 characters", List.of("kitchen", "--wifi-password", "x".repeat(64)));
    for (Map.Entry<String, List<String>> c : cases.entrySet()) {
      List<String> args = new ArrayList<>(List.of("sensor", "add", "esp8266temp"));
      args.addAll(c.getValue());
      args.addAll(
          List.of("--wifi-ssid", c.getKey().contains("33 bytes") ? "s".repeat(33) : "home"));
      assertEquals(2, iotsys(args.toArray(String[]::new)), c.getKey());
      assertThat(err).startsWith("iotsys: ").contains(c.getKey());
      assertEquals(1, errorLines(), err);
      assertThat(err).doesNotContain("pa$$ / ");
    }
    assertEquals(
        2,
        iotsys(
            "sensor",
            "add",
            "nosuch",
            "kitchen",
            "--wifi-ssid",
            "home",
            "--wifi-password",
            PASSWORD));
    assertThat(err).contains("Unknown sensor type 'nosuch'");
    assertEquals(2, iotsys("sensor", "add", "esp8266temp", "kitchen", "--wifi-ssid", "home"));
    assertThat(err).contains("Missing Wi-Fi password", "IOTSYS_WIFI_PASSWORD");
    try (IotClient iot = MotoAws.iot(moto)) {
      assertTrue(iot.listThings().things().isEmpty());
    }
    assertFalse(Files.exists(home.resolve("certificates")));
  }

  @Test
  void add_beforeInstall_saysToRunInstall_andExitsSix() {
    assertEquals(
        6,
        iotsys(
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "--wifi-ssid",
            "home",
            "--wifi-password",
            PASSWORD));
    assertThat(err).contains("is not installed", "iotsys install");
    assertEquals(1, errorLines(), err);
  }

  @Test
  void dryRun_addAndRemove_sayWhatWouldHappen_andChangeNothing(MotoServer.Instance moto) {
    install();
    assertEquals(
        0,
        iotsys(
            "sensor",
            "add",
            "esp8266temp",
            "kitchen",
            "--wifi-ssid",
            "home",
            "--wifi-password",
            PASSWORD,
            "--dry-run"),
        err);
    assertThat(out)
        .contains(
            "WOULD_CREATE  kitchen",
            "would create thing kitchen",
            "would write device package",
            "dry run, nothing was changed");
    assertFalse(Files.exists(home.resolve("certificates")));
    assertEquals(0, iotsys("sensor", "remove", "kitchen", "--dry-run"), err);
    assertThat(out).contains("ABSENT        kitchen");
    try (IotClient iot = MotoAws.iot(moto)) {
      assertTrue(iot.listThings().things().isEmpty());
    }
  }
}
