package dev.iotsys.stress;

import static dev.iotsys.internal.sensor.SensorFixtures.TYPE;
import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static dev.iotsys.internal.sensor.SensorFixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.KeyState;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.SensorsResult;
import dev.iotsys.api.StatusResult;
import dev.iotsys.api.UninstallOptions;
import dev.iotsys.api.UninstallResult;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleWrites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * A fleet of 300 sensors, made through the library once: reading it costs pages, checking it one
 * read per sensor, removing it what AWS's quotas demand. Counts, not times (times are in
 * docs/benchmarks.md).
 */
@ExtendWith(MotoServer.class)
class FleetIT {
  private static final int FLEET = 300;
  private static final List<String> NAMES =
      IntStream.rangeClosed(1, FLEET).mapToObj(i -> String.format("sensor-%03d", i)).toList();

  @TempDir Path home;

  @Test
  void aFleetOf300_listsInPages_isCheckedInOneReadEach_andIsRemovedInAtMostThreeReadsEach(
      MotoServer.Instance moto) throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home)) {
      SensorsResult added =
          iotsys.addSensors(add(NAMES.toArray(String[]::new)), IotsysListener.NONE);
      assertThat(added.sensors())
          .hasSize(FLEET)
          .extracting(SensorResult::outcome)
          .as("failed: " + added.failed())
          .containsOnly(SensorOutcome.CREATED);
    }

    // sensor list: the things and the certificates in pages, nothing per sensor.
    try (Iotsys iotsys = iotsys(moto, home)) {
      List<SensorInfo> listed = iotsys.listSensors(Optional.empty());
      ApiCalls calls = iotsys.apiCalls();
      assertThat(listed).extracting(SensorInfo::name).containsExactlyElementsOf(NAMES);
      assertThat(listed)
          .allSatisfy(
              s -> {
                assertThat(s.healthy()).as(s.toString()).isTrue();
                assertThat(s.keyState()).isEqualTo(KeyState.PRESENT);
              });
      assertThat(calls.read()).as("reads of sensor list " + calls).isLessThanOrEqualTo(12);
      assertThat(calls.byOperation())
          .as("no call per sensor")
          .doesNotContainKeys(
              "Iot:DescribeThing", "Iot:ListThingPrincipals", "Iot:DescribeCertificate");
      assertThat(calls.write()).isZero();
    }

    // status: what must be checked per sensor (its thing's principals), once each.
    try (Iotsys iotsys = iotsys(moto, home)) {
      StatusResult status = iotsys.status("home", IotsysListener.NONE);
      assertThat(status.sensors())
          .hasSize(FLEET)
          .allSatisfy(s -> assertThat(s.healthy()).as(s.toString()).isTrue());
      assertThat(status.converged()).isTrue();
      assertThat(status.apiCalls().read())
          .as("reads of status " + status.apiCalls())
          .isLessThanOrEqualTo((long) (1.1 * FLEET) + 20);
      assertThat(status.apiCalls().byOperation())
          .containsEntry("Iot:ListThingPrincipals", (long) FLEET)
          .doesNotContainKeys("Iot:DescribeThing", "Iot:DescribeCertificate");
      assertThat(status.apiCalls().write()).isZero();
    }

    // remove, all of them: at most three reads per sensor, and nothing is left.
    try (Iotsys iotsys = iotsys(moto, home)) {
      SensorsResult removed =
          iotsys.removeSensors(remove(NAMES.toArray(String[]::new)), IotsysListener.NONE);
      assertThat(removed.sensors())
          .extracting(SensorResult::outcome)
          .as("failed: " + removed.failed())
          .containsOnly(SensorOutcome.REMOVED);
      assertThat(removed.apiCalls().read())
          .as("reads of remove " + removed.apiCalls())
          .isLessThanOrEqualTo(3L * FLEET);
      assertThat(removed.apiCalls().byOperation())
          .as("each thing read once, in pages")
          .doesNotContainKey("Iot:DescribeThing");
    }
    try (IotClient iot = MotoAws.iot(moto)) {
      assertThat(iot.listThingsPaginator(r -> {}).things()).isEmpty();
      assertThat(iot.listCertificatesPaginator(r -> {}).certificates()).isEmpty();
    }
    assertThat(home.resolve("certificates")).isDirectory();
    try (var left = Files.list(home.resolve("certificates"))) {
      assertThat(left.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".locks")))
          .as("no key folder left")
          .isEmpty();
    }
  }

  /**
   * On the DynamoDB store, status asks the IoT API what it does on any store (each thing's
   * principals, once) and the table one Query of one item per sensor: DynamoDB has no per-API
   * quota, and there is no call that returns the newest item of many partitions at once.
   */
  @Test
  void aFleetOnTheDynamoDbStore_isCheckedInOneIotReadAndOneQueryEach_withEachNewestReading(
      MotoServer.Instance moto) throws Exception {
    int fleet = 100;
    List<String> names = NAMES.subList(0, fleet);
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
      SensorsResult added =
          iotsys.addSensors(add(names.toArray(String[]::new)), IotsysListener.NONE);
      assertThat(added.failed()).isEmpty();
    }
    // Every other sensor has two readings, the newest i minutes ago; the rest have none.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Map<String, Instant> newest = new HashMap<>();
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      for (int i = 0; i < fleet; i += 2) {
        String name = names.get(i);
        Instant last = now.minus(Duration.ofMinutes(i + 1));
        for (Instant t : List.of(last.minus(Duration.ofMinutes(5)), last)) {
          RuleWrites.reading(
              dynamo,
              "iotsys.home." + TYPE,
              name,
              t,
              Map.of("humidity", "40", "temperature", "20.5"),
              86_400);
        }
        newest.put(name, last);
      }
    }
    try (Iotsys iotsys = iotsys(moto, home)) {
      StatusResult status = iotsys.status("home", IotsysListener.NONE);
      assertThat(status.sensors()).hasSize(fleet);
      Map<String, Instant> seen = new HashMap<>();
      status.sensors().forEach(s -> s.lastReading().ifPresent(t -> seen.put(s.name(), t)));
      assertThat(seen).isEqualTo(newest);

      Map<String, Long> byOperation = status.apiCalls().byOperation();
      long iotReads =
          byOperation.entrySet().stream()
              .filter(e -> e.getKey().startsWith("Iot:"))
              .mapToLong(Map.Entry::getValue)
              .sum();
      assertThat(iotReads)
          .as(byOperation.toString())
          .isLessThanOrEqualTo((long) (1.1 * fleet) + 20);
      assertThat(byOperation).containsEntry("DynamoDb:Query", (long) fleet);
      assertThat(status.apiCalls().read())
          .as(byOperation.toString())
          .isLessThanOrEqualTo((long) (2.1 * fleet) + 20);
      assertThat(status.apiCalls().write()).isZero();
    }
  }

  /**
   * {@code sensor list} shows the certificate its thing records; {@code status} the ones really
   * attached. A certificate attached by hand besides the recorded one is seen by status only, and a
   * recorded one that was deleted by hand shows as none in both.
   */
  @Test
  void list_showsTheRecordedCertificate_whileStatusShowsTheThingsRealPrincipals(
      MotoServer.Instance moto) throws Exception {
    install(moto, home);
    String extra;
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iotsys.addSensors(add("kitchen", "garage"), IotsysListener.NONE);
      var made = iot.createKeysAndCertificate(r -> r.setAsActive(true));
      extra = made.certificateId();
      iot.attachThingPrincipal(r -> r.thingName("kitchen").principal(made.certificateArn()));
    }
    try (Iotsys iotsys = iotsys(moto, home)) {
      Map<String, SensorInfo> listed = byName(iotsys.listSensors(Optional.of(TYPE)));
      assertThat(listed.get("kitchen").certificates())
          .hasSize(1)
          .noneMatch(c -> c.id().equals(extra));
      assertThat(listed.get("kitchen").healthy()).isTrue();

      StatusResult status = iotsys.status("home", IotsysListener.NONE);
      StatusResult.SensorStatus kitchen =
          status.sensors().stream()
              .filter(s -> s.name().equals("kitchen"))
              .findFirst()
              .orElseThrow();
      assertThat(kitchen.certificates()).hasSize(2).anyMatch(c -> c.id().equals(extra));
      assertThat(kitchen.healthy()).isFalse();
      assertThat(status.converged()).isFalse();
    }
  }

  /** {@code uninstall --remove-sensors} reads the things it removes in pages, never one by one. */
  @Test
  void uninstall_removingSensors_readsEachThingOnlyInPages(MotoServer.Instance moto) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("kitchen", "garage", "attic"), IotsysListener.NONE);
    }
    try (Iotsys iotsys = iotsys(moto, home)) {
      UninstallResult result =
          iotsys.uninstall(
              "home", new UninstallOptions(true, true, false, false), IotsysListener.NONE);
      assertThat(result.removedSensors()).containsExactlyInAnyOrder("kitchen", "garage", "attic");
      assertThat(result.apiCalls().byOperation())
          .as(result.apiCalls().toString())
          .doesNotContainKeys(
              "Iot:DescribeThing", "Iot:DescribeCertificate", "Iot:ListPrincipalThings")
          .containsEntry("Iot:ListThingPrincipals", 3L);
    }
    try (IotClient iot = MotoAws.iot(moto)) {
      assertThat(iot.listThingsPaginator(r -> {}).things()).isEmpty();
      assertThat(iot.listCertificatesPaginator(r -> {}).certificates()).isEmpty();
    }
  }

  private static Map<String, SensorInfo> byName(List<SensorInfo> sensors) {
    return sensors.stream().collect(java.util.stream.Collectors.toMap(SensorInfo::name, s -> s));
  }
}
