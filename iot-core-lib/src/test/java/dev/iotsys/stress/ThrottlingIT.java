package dev.iotsys.stress;

import static dev.iotsys.internal.sensor.SensorFixtures.TYPE;
import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static dev.iotsys.internal.sensor.SensorFixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.SensorInfo;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.SensorsResult;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.Throttling;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Every command under throttling completes through the SDK's retry strategy (standard mode: three
 * attempts, exponential back-off with jitter from 1 s for throttling), and a bulk {@code sensor
 * add} or {@code remove} of 50 names keeps every AWS IoT API under its default quota, measured
 * where the service would count: when the requests arrive.
 */
@ExtendWith(MotoServer.class)
class ThrottlingIT {
  /**
   * AWS IoT's default per-account rates, per operation: aws-facts.md, and for the reads and
   * UpdateThing the "AWS IoT Core endpoints and quotas" page of the AWS General Reference (as
   * Service Quotas lists them: "DescribeThing API TPS" 350, "ListThings API TPS" 10, ...).
   */
  static final Map<String, Integer> IOT_QUOTAS =
      Map.ofEntries(
          Map.entry("UpdateThing", 100),
          Map.entry("DescribeThing", 350),
          Map.entry("DescribeThingType", 100),
          Map.entry("ListThings", 10),
          Map.entry("ListThingPrincipals", 10),
          Map.entry("ListPrincipalThings", 10),
          Map.entry("DescribeCertificate", 10),
          Map.entry("GetPolicy", 10),
          Map.entry("CreateThing", 100),
          Map.entry("DeleteThing", 100),
          Map.entry("AttachThingPrincipal", 100),
          Map.entry("DetachThingPrincipal", 100),
          Map.entry("CreateKeysAndCertificate", 10),
          Map.entry("CreatePolicy", 10),
          Map.entry("CreatePolicyVersion", 10),
          Map.entry("DeletePolicyVersion", 10),
          Map.entry("UpdateCertificate", 10),
          Map.entry("DeleteCertificate", 10),
          Map.entry("AttachPolicy", 15),
          Map.entry("DetachPolicy", 15),
          Map.entry("CreateThingType", 15),
          Map.entry("DeprecateThingType", 15),
          Map.entry("DeleteThingType", 15),
          // No figure in aws-facts.md: held to the certificate APIs' 10/s, as iotsys paces it.
          Map.entry("CreateCertificateFromCsr", 10));

  private static final List<String> FIFTY =
      IntStream.rangeClosed(1, 50).mapToObj(i -> "sensor-" + i).toList();

  @TempDir Path tmp;

  @Test
  void install_whenEveryApiRefusesItsFirstAttempt_createsEverything(MotoServer.Instance moto) {
    Throttling throttling = new Throttling(1);
    InstallResult result;
    try (Iotsys iotsys = iotsys(moto, tmp, throttling)) {
      result = iotsys.install("home", false, IotsysListener.NONE);
    }
    assertThat(result.resources())
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.outcome()).as(r.toString()).isEqualTo(Outcome.CREATED));
    assertThat(throttling.refused().keySet())
        .as("every API was refused once")
        .isEqualTo(throttling.apis())
        .contains("Iot:CreatePolicy", "Iam:CreateRole");
    try (Iotsys iotsys = iotsys(moto, tmp)) {
      assertThat(iotsys.install("home", false, IotsysListener.NONE).apiCalls().write()).isZero();
    }
  }

  @Test
  void sensorAdd_of50Names_whileThrottled_createsAllAndKeepsEachIotApiUnderItsQuota(
      MotoServer.Instance moto) throws Exception {
    install(moto, tmp);
    Throttling throttling = new Throttling(2);
    SensorsResult result;
    Map<String, Integer> peaks;
    Map<String, Integer> counts;
    try (WireRecorder wire = new WireRecorder(moto.endpoint());
        Iotsys iotsys =
            MotoAws.iotsys(moto)
                .endpoint(wire.endpoint())
                .home(tmp)
                .client(ExecutionInterceptor.class, throttling)
                .client(ExecutionInterceptor.class, wire)
                .build()) {
      result = iotsys.addSensors(add(FIFTY.toArray(String[]::new)), IotsysListener.NONE);
      peaks = wire.peakPerSecond();
      counts = wire.counts();
    }
    System.out.println("sensor add of 50, requests per API: " + counts);
    System.out.println("sensor add of 50, peak requests per second per API: " + peaks);

    assertThat(result.sensors())
        .hasSize(50)
        .allSatisfy(s -> assertThat(s.outcome()).as(s.toString()).isEqualTo(SensorOutcome.CREATED));
    assertThat(throttling.refused())
        .as("each API was refused twice")
        .containsEntry("Iot:CreateThing", 2)
        .containsEntry("Iot:CreateCertificateFromCsr", 2)
        .containsEntry("Iot:AttachPolicy", 2)
        .containsEntry("Iot:UpdateCertificate", 2);
    assertThat(counts)
        .as("what arrived")
        .containsEntry("Iot:CreateCertificateFromCsr", 50)
        .containsEntry("Iot:CreateThing", 50)
        .doesNotContainKey("unknown");
    assertUnderQuotas(peaks);
    try (AccountState state = new AccountState(moto)) {
      assertThat(state.certificates()).hasSize(50);
      state.assertInvariants(tmp, true);
    }
  }

  @Test
  void sensorListAndRemove_of50Names_whileThrottled_removeAllUnderEachIotQuota(
      MotoServer.Instance moto) throws Exception {
    install(moto, tmp);
    try (Iotsys iotsys = iotsys(moto, tmp)) {
      assertThat(
              iotsys.addSensors(add(FIFTY.toArray(String[]::new)), IotsysListener.NONE).succeeded())
          .isTrue();
    }
    Throttling throttling = new Throttling(2);
    List<SensorInfo> listed;
    SensorsResult result;
    Map<String, Integer> peaks;
    Map<String, Integer> counts;
    try (WireRecorder wire = new WireRecorder(moto.endpoint());
        Iotsys iotsys =
            MotoAws.iotsys(moto)
                .endpoint(wire.endpoint())
                .home(tmp)
                .client(ExecutionInterceptor.class, throttling)
                .client(ExecutionInterceptor.class, wire)
                .build()) {
      listed = iotsys.listSensors(Optional.of(TYPE));
      result = iotsys.removeSensors(remove(FIFTY.toArray(String[]::new)), IotsysListener.NONE);
      peaks = wire.peakPerSecond();
      counts = wire.counts();
    }
    System.out.println("sensor remove of 50, requests per API: " + counts);
    System.out.println("sensor remove of 50, peak requests per second per API: " + peaks);

    assertThat(listed).extracting(SensorInfo::name).containsExactlyInAnyOrderElementsOf(FIFTY);
    assertThat(result.sensors())
        .hasSize(50)
        .extracting(SensorResult::outcome)
        .containsOnly(SensorOutcome.REMOVED);
    assertThat(throttling.refused())
        .as("each API was refused twice")
        .containsEntry("Iot:DeleteCertificate", 2)
        .containsEntry("Iot:DetachPolicy", 2)
        .containsEntry("Iot:DeleteThing", 2)
        .containsEntry("Iot:ListThings", 2);
    assertThat(counts)
        .containsEntry("Iot:DeleteCertificate", 50)
        .containsEntry("Iot:UpdateCertificate", 50)
        .doesNotContainKey("unknown");
    assertUnderQuotas(peaks);
    try (AccountState state = new AccountState(moto)) {
      assertThat(state.certificates()).isEmpty();
      assertThat(state.iot().listThings().things()).isEmpty();
    }
  }

  @Test
  void sensorAdd_whenThrottlingOutlastsTheThreeAttempts_failsInOneLine_andTheNextAddFinishes(
      MotoServer.Instance moto) throws Exception {
    install(moto, tmp);
    try (Iotsys iotsys = iotsys(moto, tmp, new Throttling(3))) {
      IotsysException e =
          assertThrows(
              IotsysException.class, () -> iotsys.addSensors(add("kitchen"), IotsysListener.NONE));
      assertThat(e.getMessage()).doesNotContain("\n").contains("Rate exceeded", "while reading");
      assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLED);
    }
    try (Iotsys iotsys = iotsys(moto, tmp);
        AccountState state = new AccountState(moto)) {
      SensorsResult next = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      assertThat(next.sensors().get(0).outcome()).isEqualTo(SensorOutcome.CREATED);
      state.assertInvariants(tmp, true);
    }
  }

  /**
   * Every IoT API under its published quota; those without one found (CreateCertificateFromCsr,
   * ListCertificates, ListAttachedPolicies) under the lowest published rate, 10 per second, which
   * iotsys assumes for them.
   */
  private static void assertUnderQuotas(Map<String, Integer> peaks) {
    peaks.forEach(
        (api, peak) -> {
          String operation = api.substring(api.indexOf(':') + 1);
          if (api.startsWith("Iot:")) {
            assertThat(peak)
                .as("peak requests per second of " + api)
                .isLessThanOrEqualTo(IOT_QUOTAS.getOrDefault(operation, 10));
          }
        });
  }
}
