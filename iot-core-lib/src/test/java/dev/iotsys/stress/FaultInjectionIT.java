package dev.iotsys.stress;

import static dev.iotsys.internal.sensor.SensorFixtures.POLICY;
import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static dev.iotsys.internal.sensor.SensorFixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.InstallOptions;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.SensorsResult;
import dev.iotsys.api.SetAlertsRequest;
import dev.iotsys.api.StatusResult;
import dev.iotsys.api.StepResult;
import dev.iotsys.api.UninstallOptions;
import dev.iotsys.testing.FaultInjection;
import dev.iotsys.testing.FaultInjection.When;
import dev.iotsys.testing.ForeignCertificates;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.ReadingsPath;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Each command with its n-th mutating AWS call aborted, for every n the command makes, once before
 * the call reaches AWS and once after AWS did it (the answer lost): the command fails with one
 * clear line, and running it again ends in exactly the state a clean run ends in, with nothing left
 * over, and a third run has nothing to do.
 */
@ExtendWith(MotoServer.class)
class FaultInjectionIT {
  private static final String DB = "home";
  private static final String RULE = "iotsys_testhumidity";
  private static final String ROLE = "iotsys-testhumidity-rule";
  private static final String TYPE = "testhumidity";

  @TempDir Path tmp;

  /** Brings the account to where the command starts. */
  private interface Setup {
    void prepare(MotoServer.Instance moto, Path home) throws Exception;
  }

  /** Runs the command; returns its failure line, or null when it succeeded. */
  private interface Command {
    Failure run(Iotsys iotsys);
  }

  private record Failure(ErrorKind kind, String line) {}

  /** Runs the command again without faults: it must succeed and say whether it wrote. */
  private interface Rerun {
    long writes(Iotsys iotsys);
  }

  /** Checks the account a failed run left, and may run another command on it before the rerun. */
  private interface AfterAbort {
    void check(MotoServer.Instance moto, Path home, When when, String context) throws Exception;
  }

  @Test
  void install_abortedAtAnyMutatingCall_failsClearly_andTheNextInstallEndsAsACleanOne(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto, (m, home) -> {}, FaultInjectionIT::runInstall, FaultInjectionIT::installWrites);
    assertThat(calls).as("mutating calls of a fresh install").isEqualTo(9);
  }

  @Test
  void install_repairingDrift_abortedAtAnyMutatingCall_endsAsACleanRepair(MotoServer.Instance moto)
      throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            FaultInjectionIT::installAndDrift,
            FaultInjectionIT::runInstall,
            FaultInjectionIT::installWrites);
    // The table, the policy (one version pruned, one made), the log group, the role, the rule.
    assertThat(calls).as("mutating calls of a repair").isEqualTo(6);
  }

  @Test
  void installOnDynamoDb_abortedAtAnyMutatingCall_failsClearly_andTheNextInstallEndsAsACleanOne(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            (m, home) -> {},
            FaultInjectionIT::runDynamoDbInstall,
            iotsys ->
                iotsys.install(DB, "dynamodb", false, IotsysListener.NONE).apiCalls().write());
    // The table, its time to live and its table of newest readings, then the type's stack as on
    // Timestream.
    assertThat(calls).as("mutating calls of a fresh install on DynamoDB").isEqualTo(10);
  }

  @Test
  void installOnDynamoDb_repairingTheTable_abortedAtAnyMutatingCall_endsAsACleanRepair(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            (m, home) -> {
              try (Iotsys iotsys = iotsys(m, home);
                  var dynamo = dev.iotsys.testing.MotoAws.dynamo(m)) {
                iotsys.install(DB, "dynamodb", false, IotsysListener.NONE);
                dynamo.updateTable(
                    r -> r.tableName("iotsys.home.testhumidity").deletionProtectionEnabled(false));
                dynamo.updateTimeToLive(
                    r ->
                        r.tableName("iotsys.home.testhumidity")
                            .timeToLiveSpecification(
                                t -> t.enabled(false).attributeName("expires")));
              }
            },
            FaultInjectionIT::runDynamoDbInstall,
            iotsys ->
                iotsys.install(DB, "dynamodb", false, IotsysListener.NONE).apiCalls().write());
    // Protection back on, then the time to live.
    assertThat(calls).as("mutating calls of a table repair").isEqualTo(2);
  }

  @Test
  void uninstallOfADynamoDbInstall_withItsReadings_abortedAtAnyMutatingCall_endsWithNothingLeft(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            FaultInjectionIT::installOnDynamoDbWithKitchen,
            FaultInjectionIT::runUninstall,
            FaultInjectionIT::uninstallWrites);
    // The sensor (5), the rule, the role (2), the log group, the policy, the thing type (2), and
    // the table: its table of newest readings, protection off, then the delete.
    assertThat(calls).as("mutating calls of uninstall on DynamoDB").isEqualTo(15);
  }

  private static final String TABLE = "iotsys.home.testhumidity";

  private static final InstallOptions TO_DYNAMODB =
      new InstallOptions(Optional.of("dynamodb"), Optional.empty(), true, false);

  private static Failure runSwitchToDynamoDb(Iotsys iotsys) {
    try {
      iotsys.install(DB, TO_DYNAMODB, IotsysListener.NONE);
      return null;
    } catch (IotsysException e) {
      return new Failure(e.kind(), e.getMessage());
    }
  }

  /**
   * A store switch aborted anywhere leaves readings a working path: the rule's table exists and the
   * rule's role may write to it in every state (the role allows both stores until the rule has
   * moved), and the switch said again ends as a clean one.
   */
  @Test
  void storeSwitch_abortedAtAnyMutatingCall_leavesReadingsAWorkingPath_andTheNextSwitchEndsClean(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            (m, home) -> {
              installWithKitchen(m, home, false);
              assertThat(ReadingsPath.broken(m, TYPE)).isEmpty();
            },
            FaultInjectionIT::runSwitchToDynamoDb,
            (m, home, when, context) ->
                assertThat(ReadingsPath.broken(m, TYPE)).as(context).isEmpty(),
            iotsys -> iotsys.install(DB, TO_DYNAMODB, IotsysListener.NONE).apiCalls().write());
    // The table, its time to live and its table of newest readings, the role allowed both, the
    // rule, the role narrowed.
    assertThat(calls).as("mutating calls of a store switch").isEqualTo(6);
  }

  /**
   * {@code uninstall --delete-data} aborted anywhere: a table it left holding readings is flagged
   * by status while unprotected, and protected again by the next plain uninstall (an abort before
   * its call) or install (after); the delete said again then removes everything.
   */
  @Test
  void uninstallDeleteData_abortedAtAnyMutatingCall_leavesAKeptTableProtectedAgain(
      MotoServer.Instance moto) throws Exception {
    List<String> flagged = new ArrayList<>();
    int calls =
        abortEachMutatingCall(
            moto,
            FaultInjectionIT::installOnDynamoDbWithKitchen,
            FaultInjectionIT::runUninstall,
            (m, home, when, context) -> {
              try (var dynamo = dev.iotsys.testing.MotoAws.dynamo(m);
                  Iotsys iotsys = iotsys(m, home)) {
                if (!dynamo.listTables().tableNames().contains(TABLE)) {
                  return;
                }
                if (!dynamo
                    .describeTable(r -> r.tableName(TABLE))
                    .table()
                    .deletionProtectionEnabled()) {
                  StatusResult status =
                      iotsys.status(DB, Optional.of("dynamodb"), IotsysListener.NONE);
                  assertThat(status.resources())
                      .as(context)
                      .filteredOn(r -> r.name().equals(TABLE))
                      .singleElement()
                      .satisfies(
                          r -> {
                            assertThat(r.state()).isEqualTo(StatusResult.State.DRIFTED);
                            assertThat(r.differences())
                                .contains("deletion protection off \u2192 on");
                          });
                  flagged.add(context);
                }
                if (when == When.BEFORE) {
                  iotsys.uninstall(
                      DB, new UninstallOptions(true, false, true, false), IotsysListener.NONE);
                } else {
                  iotsys.install(
                      DB,
                      new InstallOptions(Optional.empty(), Optional.of("dynamodb"), false, false),
                      IotsysListener.NONE);
                }
                assertThat(
                        dynamo
                            .describeTable(r -> r.tableName(TABLE))
                            .table()
                            .deletionProtectionEnabled())
                    .as(
                        context
                            + ": protected again by "
                            + (when == When.BEFORE ? "uninstall" : "install"))
                    .isTrue();
              }
            },
            FaultInjectionIT::uninstallWrites);
    assertThat(calls).as("mutating calls of uninstall --delete-data on DynamoDB").isEqualTo(15);
    // The abort after protection went off, and the one before the delete, left it unprotected.
    assertThat(flagged).hasSize(2);
  }

  @Test
  void sensorAdd_abortedInEachStepThatWrites_failsThere_andTheNextAddEndsAsACleanOne(
      MotoServer.Instance moto) throws Exception {
    List<String> steps =
        abortEachStep(
            moto,
            (m, home) -> install(m, home),
            (iotsys, listener) -> iotsys.addSensors(add("kitchen"), listener));
    assertThat(steps)
        .as("the steps of sensor add that call AWS to change it")
        .containsExactly(
            "thing kitchen: CreateThing",
            "certificate kitchen: CreateCertificateFromCsr",
            "policy " + POLICY + ": AttachPolicy",
            "thing-attachment kitchen: AttachThingPrincipal",
            "activation kitchen: UpdateCertificate",
            "thing-record kitchen: UpdateThing");
  }

  @Test
  void sensorRemove_abortedInEachStepThatWrites_failsThere_andTheNextRemoveEndsAsACleanOne(
      MotoServer.Instance moto) throws Exception {
    List<String> steps =
        abortEachStep(
            moto,
            (m, home) -> {
              install(m, home);
              try (Iotsys iotsys = iotsys(m, home)) {
                assertThat(iotsys.addSensors(add("kitchen"), IotsysListener.NONE).succeeded())
                    .isTrue();
              }
            },
            (iotsys, listener) -> iotsys.removeSensors(remove("kitchen"), listener));
    assertThat(steps)
        .as("the steps of sensor remove that call AWS to change it")
        .containsExactly(
            "retirement: UpdateCertificate, DetachPolicy, DetachThingPrincipal, DeleteCertificate",
            "thing kitchen: DeleteThing");
  }

  @Test
  void uninstall_abortedAtAnyMutatingCall_failsClearly_andTheNextUninstallRemovesEverything(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            (m, home) -> {
              install(m, home);
              try (Iotsys iotsys = iotsys(m, home)) {
                assertThat(iotsys.addSensors(add("kitchen"), IotsysListener.NONE).succeeded())
                    .isTrue();
              }
            },
            FaultInjectionIT::runUninstall,
            FaultInjectionIT::uninstallWrites);
    // The sensor (5 as in sensor remove), the rule, the role's inline policy and the role, the
    // log group, the policy, the thing type (deprecate, delete), the table and the database.
    assertThat(calls).as("mutating calls of uninstall").isEqualTo(14);
  }

  private static void installOnDynamoDbWithKitchen(MotoServer.Instance moto, Path home) {
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.install(DB, "dynamodb", false, IotsysListener.NONE);
      assertThat(iotsys.addSensors(add("kitchen"), IotsysListener.NONE).succeeded()).isTrue();
    }
  }

  private static final List<String> EMAIL = List.of("me@example.com");

  /** Installs and adds one sensor, then enables alerts when asked. */
  private static void installWithKitchen(MotoServer.Instance moto, Path home, boolean alerts) {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home)) {
      assertThat(iotsys.addSensors(add("kitchen"), IotsysListener.NONE).succeeded()).isTrue();
      if (alerts) {
        iotsys.enableAlerts(EMAIL, false, IotsysListener.NONE);
      }
    }
  }

  private static Failure runAlerts(Runnable command) {
    try {
      command.run();
      return null;
    } catch (IotsysException e) {
      return new Failure(e.kind(), e.getMessage());
    }
  }

  private static final SetAlertsRequest ABOVE_30 =
      new SetAlertsRequest(
          "kitchen",
          Optional.of("temperature"),
          Optional.empty(),
          Optional.of(new BigDecimal("30")),
          Optional.empty(),
          false,
          false,
          false);

  @Test
  void alertsEnable_abortedAtAnyMutatingCall_failsClearly_andTheNextEnableEndsAsACleanOne(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            (m, home) -> installWithKitchen(m, home, false),
            iotsys -> runAlerts(() -> iotsys.enableAlerts(EMAIL, false, IotsysListener.NONE)),
            iotsys -> iotsys.enableAlerts(EMAIL, false, IotsysListener.NONE).apiCalls().write());
    // The topic, the subscription, the metrics role (and its policy), the rule, the alarm.
    assertThat(calls).as("mutating calls of alerts enable").isEqualTo(6);
  }

  @Test
  void alertsSet_abortedAtAnyMutatingCall_failsClearly_andTheNextSetEndsAsACleanOne(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            (m, home) -> installWithKitchen(m, home, true),
            iotsys -> runAlerts(() -> iotsys.setAlerts(ABOVE_30, IotsysListener.NONE)),
            iotsys -> iotsys.setAlerts(ABOVE_30, IotsysListener.NONE).apiCalls().write());
    // The silence alarm with the new record, then the threshold alarm.
    assertThat(calls).as("mutating calls of alerts set").isEqualTo(2);
  }

  @Test
  void alertsDisable_abortedAtAnyMutatingCall_failsClearly_andTheNextDisableRemovesEverything(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            (m, home) -> {
              installWithKitchen(m, home, true);
              try (Iotsys iotsys = iotsys(m, home)) {
                iotsys.setAlerts(ABOVE_30, IotsysListener.NONE);
              }
            },
            iotsys -> runAlerts(() -> iotsys.disableAlerts(false, IotsysListener.NONE)),
            iotsys -> iotsys.disableAlerts(false, IotsysListener.NONE).apiCalls().write());
    // Two alarms, the rule, the role's policy and the role, the topic (with its subscription).
    assertThat(calls).as("mutating calls of alerts disable").isEqualTo(6);
  }

  @Test
  void sensorAdd_withAlertsEnabled_abortedAtAnyMutatingCall_andTheNextAddMakesTheAlarmToo(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            (m, home) -> {
              install(m, home);
              try (Iotsys iotsys = iotsys(m, home)) {
                iotsys.enableAlerts(EMAIL, false, IotsysListener.NONE);
              }
            },
            iotsys -> sensorFailure(iotsys.addSensors(add("kitchen"), IotsysListener.NONE)),
            iotsys -> sensorWrites(iotsys.addSensors(add("kitchen"), IotsysListener.NONE)));
    // The sensor's six (its certificate's record on the thing included), then its silence alarm.
    assertThat(calls).as("mutating calls of sensor add with alerts").isEqualTo(7);
  }

  @Test
  void sensorRemove_withAlertsEnabled_abortedAtAnyMutatingCall_andTheNextRemoveDeletesTheAlarm(
      MotoServer.Instance moto) throws Exception {
    int calls =
        abortEachMutatingCall(
            moto,
            (m, home) -> installWithKitchen(m, home, true),
            iotsys -> sensorFailure(iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE)),
            iotsys -> sensorWrites(iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE)));
    // The sensor's five, then its silence alarm.
    assertThat(calls).as("mutating calls of sensor remove with alerts").isEqualTo(6);
  }

  /**
   * Another team's INACTIVE certificate with the sensor's name as its subject, attached to no thing
   * but to its own policy: every aborted {@code add} and {@code remove}, and the runs that repair
   * them, leave it exactly as it was (iotsys once deleted it as "left by an interrupted run" by its
   * name alone).
   */
  @Test
  void sensorAddAndRemove_abortedAtAnyMutatingCall_leaveAForeignCertificateOfTheSameNameAlone(
      MotoServer.Instance moto) throws Exception {
    for (boolean removing : List.of(false, true)) {
      for (int n = 1; n <= 5; n++) {
        for (When when : When.values()) {
          moto.reset();
          Path home = tmp.resolve("foreign-" + removing + "-" + n + "-" + when);
          install(moto, home);
          String foreign;
          try (AccountState state = new AccountState(moto)) {
            foreign = ForeignCertificates.inactiveWithPolicy(state.iot(), "kitchen");
          }
          if (removing) {
            try (Iotsys iotsys = iotsys(moto, home)) {
              assertThat(iotsys.addSensors(add("kitchen"), IotsysListener.NONE).succeeded())
                  .isTrue();
            }
          }
          FaultInjection fault = FaultInjection.abort(FaultInjection.MUTATING, n, when);
          try (Iotsys iotsys = iotsys(moto, home, fault)) {
            assertThat(
                    removing
                        ? sensorFailure(
                            iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE))
                        : sensorFailure(iotsys.addSensors(add("kitchen"), IotsysListener.NONE)))
                .as(fault.toString())
                .isNotNull();
          }
          try (Iotsys iotsys = iotsys(moto, home)) {
            if (removing) {
              sensorWrites(iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE));
            } else {
              sensorWrites(iotsys.addSensors(add("kitchen"), IotsysListener.NONE));
            }
          }
          try (AccountState state = new AccountState(moto)) {
            assertThat(ForeignCertificates.intact(state.iot(), foreign))
                .as(fault + (removing ? " of remove" : " of add"))
                .isTrue();
            assertThat(state.certificates()).as(fault.toString()).hasSize(removing ? 1 : 2);
          }
        }
      }
    }
  }

  /**
   * What a one-name {@code sensor add} costs does not grow with other people's certificates: with
   * 100 unrelated INACTIVE certificates in the account it makes exactly the reads and writes it
   * makes in an empty one, and so does {@code remove}.
   */
  @Test
  void sensorAddAndRemove_ofOneName_costTheSameWith100ForeignInactiveCertificates(
      MotoServer.Instance moto) throws Exception {
    List<ApiCalls> clean = addThenRemove(moto, tmp.resolve("clean"), 0);
    List<ApiCalls> crowded = addThenRemove(moto, tmp.resolve("crowded"), 100);
    assertThat(crowded).isEqualTo(clean);
    // Thing, certificate, policy, thing attachment, activation, and the certificate's record on
    // the thing (UpdateThing), which lets sensor list read a fleet in pages.
    assertThat(clean.get(0).write()).as("writes of a new sensor").isEqualTo(6);
    assertThat(clean.get(0).read()).as("reads of a new sensor").isLessThanOrEqualTo(5);
    assertThat(clean.get(1).write()).as("writes of a second add").isZero();
  }

  /** The calls of an add, a second add and a remove, after {@code foreign} foreign certificates. */
  private List<ApiCalls> addThenRemove(MotoServer.Instance moto, Path home, int foreign)
      throws Exception {
    moto.reset();
    install(moto, home);
    try (AccountState state = new AccountState(moto)) {
      String csr = ForeignCertificates.csr("someone-else");
      for (int i = 0; i < foreign; i++) {
        state
            .iot()
            .createCertificateFromCsr(r -> r.certificateSigningRequest(csr).setAsActive(false));
      }
      assertThat(state.certificates()).hasSize(foreign);
    }
    try (Iotsys iotsys = iotsys(moto, home)) {
      return List.of(
          iotsys.addSensors(add("kitchen"), IotsysListener.NONE).apiCalls(),
          iotsys.addSensors(add("kitchen"), IotsysListener.NONE).apiCalls(),
          iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE).apiCalls());
    }
  }

  /**
   * Runs the command once cleanly for the reference end state and its number of mutating calls,
   * then, for each call and both moments, from the same start: the aborted run, the repairing run,
   * the comparison, and a last run that must write nothing.
   *
   * @return the number of mutating calls of a clean run
   */
  private int abortEachMutatingCall(
      MotoServer.Instance moto, Setup setup, Command command, Rerun rerun) throws Exception {
    return abortEachMutatingCall(moto, setup, command, (m, home, when, context) -> {}, rerun);
  }

  /** As above, with {@code afterAbort} run on what each failed run left. */
  private int abortEachMutatingCall(
      MotoServer.Instance moto, Setup setup, Command command, AfterAbort afterAbort, Rerun rerun)
      throws Exception {
    List<String> reference;
    FaultInjection count = FaultInjection.never(FaultInjection.MUTATING);
    try (AccountState state = new AccountState(moto)) {
      moto.reset();
      Path home = tmp.resolve("clean");
      setup.prepare(moto, home);
      try (Iotsys iotsys = iotsys(moto, home, count)) {
        assertThat(command.run(iotsys)).as("the clean run").isNull();
      }
      state.assertInvariants(home, true);
      reference = state.snapshot(home);
    }
    assertThat(count.calls()).as("mutating calls " + count.seen()).isPositive();

    for (int n = 1; n <= count.calls(); n++) {
      for (When when : When.values()) {
        moto.reset();
        Path home = tmp.resolve("abort-" + n + "-" + when);
        setup.prepare(moto, home);
        FaultInjection fault = FaultInjection.abort(FaultInjection.MUTATING, n, when);
        String context = fault + " of " + count.seen();
        try (AccountState state = new AccountState(moto)) {
          try (Iotsys iotsys = iotsys(moto, home, fault)) {
            Failure failure = command.run(iotsys);
            assertThat(failure).as(context + ": the command must fail").isNotNull();
            assertThat(failure.kind())
                .as(context + ": " + failure.line())
                .isEqualTo(ErrorKind.UNREACHABLE);
            assertThat(failure.line())
                .as(context)
                .doesNotContain("\n")
                .startsWith("Cannot reach AWS while ")
                .contains("injected");
          }
          state.assertInvariants(home, false);
          afterAbort.check(moto, home, when, context);

          try (Iotsys iotsys = iotsys(moto, home)) {
            rerun.writes(iotsys);
          }
          state.assertInvariants(home, true);
          assertThat(state.snapshot(home))
              .as(context + ": after the repairing run")
              .isEqualTo(reference);
          try (Iotsys iotsys = iotsys(moto, home)) {
            assertThat(rerun.writes(iotsys))
                .as(context + ": writes of the run after that")
                .isZero();
          }
        } catch (AssertionError e) {
          throw new AssertionError(context + ": " + e.getMessage(), e);
        }
      }
    }
    return count.calls();
  }

  /** Runs a sensor command with a listener that sees its steps. */
  private interface SensorCommand {
    SensorsResult run(Iotsys iotsys, IotsysListener listener);
  }

  /**
   * Which step each mutating call belongs to: the calls and the steps' results in the order they
   * happen, each call being the work of the next step to end (one name: one step at a time).
   */
  private static final class StepTimeline implements IotsysListener, ExecutionInterceptor {
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(IotsysEvent event) {
      if (event instanceof IotsysEvent.Stepped s) {
        events.add(
            "step "
                + s.step().step()
                + (s.step().step().equals("retirement") ? "" : " " + s.step().name()));
      }
    }

    @Override
    public synchronized void beforeExecution(
        Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (FaultInjection.MUTATING.test(attributes)) {
        events.add("call " + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
      }
    }

    /** For each mutating call in order, its step. */
    synchronized List<String> stepOfEachCall() {
      List<String> steps = new ArrayList<>();
      int pending = 0;
      for (String e : events) {
        if (e.startsWith("call ")) {
          pending++;
        } else {
          for (; pending > 0; pending--) {
            steps.add(e.substring("step ".length()));
          }
        }
      }
      return steps;
    }

    /** Each step that wrote, with its calls, e.g. {@code thing kitchen: CreateThing}. */
    synchronized List<String> stepsThatWrite() {
      Map<String, List<String>> calls = new LinkedHashMap<>();
      List<String> pending = new ArrayList<>();
      for (String e : events) {
        if (e.startsWith("call ")) {
          pending.add(e.substring("call ".length()));
        } else if (!pending.isEmpty()) {
          calls
              .computeIfAbsent(e.substring("step ".length()), k -> new ArrayList<>())
              .addAll(pending);
          pending.clear();
        }
      }
      return calls.entrySet().stream()
          .map(x -> x.getKey() + ": " + String.join(", ", x.getValue()))
          .toList();
    }
  }

  /**
   * Runs the sensor command once cleanly for the reference end state and the steps that change AWS,
   * then, for each mutating call of each such step and both moments, from the same start: the
   * aborted run, which must fail in that very step (its last step result, FAILED), the repairing
   * run, the comparison, and a last run that must write nothing.
   *
   * @return the steps of a clean run that change AWS, each with its calls
   */
  private List<String> abortEachStep(MotoServer.Instance moto, Setup setup, SensorCommand command)
      throws Exception {
    List<String> reference;
    StepTimeline clean = new StepTimeline();
    try (AccountState state = new AccountState(moto)) {
      moto.reset();
      Path home = tmp.resolve("clean");
      setup.prepare(moto, home);
      try (Iotsys iotsys = iotsys(moto, home, clean)) {
        assertThat(sensorFailure(command.run(iotsys, clean))).as("the clean run").isNull();
      }
      state.assertInvariants(home, true);
      reference = state.snapshot(home);
    }
    List<String> stepOfCall = clean.stepOfEachCall();
    assertThat(stepOfCall).as("mutating calls, each in a step").isNotEmpty();

    for (int n = 1; n <= stepOfCall.size(); n++) {
      String step = stepOfCall.get(n - 1);
      for (When when : When.values()) {
        moto.reset();
        Path home = tmp.resolve("abort-" + n + "-" + when);
        setup.prepare(moto, home);
        FaultInjection fault = FaultInjection.abort(FaultInjection.MUTATING, n, when);
        String context = fault + " in step " + step;
        try (AccountState state = new AccountState(moto)) {
          try (Iotsys iotsys = iotsys(moto, home, fault)) {
            SensorsResult result = command.run(iotsys, IotsysListener.NONE);
            Failure failure = sensorFailure(result);
            assertThat(failure).as(context + ": the command must fail").isNotNull();
            assertThat(failure.kind())
                .as(context + ": " + failure.line())
                .isEqualTo(ErrorKind.UNREACHABLE);
            assertThat(failure.line())
                .as(context)
                .doesNotContain("\n")
                .startsWith("Cannot reach AWS while ")
                .contains("injected");
            List<StepResult> steps = result.sensors().get(0).steps();
            StepResult last = steps.get(steps.size() - 1);
            assertThat(last.outcome()).as(context + ": " + steps).isEqualTo(Outcome.FAILED);
            assertThat(last.step() + (last.step().equals("retirement") ? "" : " " + last.name()))
                .as(context + ": the step that failed")
                .isEqualTo(step);
          }
          state.assertInvariants(home, false);

          try (Iotsys iotsys = iotsys(moto, home)) {
            sensorWrites(command.run(iotsys, IotsysListener.NONE));
          }
          state.assertInvariants(home, true);
          assertThat(state.snapshot(home))
              .as(context + ": after the repairing run")
              .isEqualTo(reference);
          try (Iotsys iotsys = iotsys(moto, home)) {
            assertThat(sensorWrites(command.run(iotsys, IotsysListener.NONE)))
                .as(context + ": writes of the run after that")
                .isZero();
          }
        } catch (AssertionError e) {
          throw new AssertionError(context + ": " + e.getMessage(), e);
        }
      }
    }
    return clean.stepsThatWrite();
  }

  private static Failure runInstall(Iotsys iotsys) {
    try {
      iotsys.install(DB, false, IotsysListener.NONE);
      return null;
    } catch (IotsysException e) {
      return new Failure(e.kind(), e.getMessage());
    }
  }

  private static Failure runDynamoDbInstall(Iotsys iotsys) {
    try {
      iotsys.install(DB, "dynamodb", false, IotsysListener.NONE);
      return null;
    } catch (IotsysException e) {
      return new Failure(e.kind(), e.getMessage());
    }
  }

  private static final UninstallOptions EVERYTHING = new UninstallOptions(true, true, true, false);

  private static Failure runUninstall(Iotsys iotsys) {
    try {
      iotsys.uninstall(DB, EVERYTHING, IotsysListener.NONE);
      return null;
    } catch (IotsysException e) {
      return new Failure(e.kind(), e.getMessage());
    }
  }

  private static long uninstallWrites(Iotsys iotsys) {
    return iotsys.uninstall(DB, EVERYTHING, IotsysListener.NONE).apiCalls().write();
  }

  private static long installWrites(Iotsys iotsys) {
    InstallResult result = iotsys.install(DB, false, IotsysListener.NONE);
    return result.apiCalls().write();
  }

  private static Failure sensorFailure(SensorsResult result) {
    assertThat(result.sensors()).hasSize(1);
    SensorResult sensor = result.sensors().get(0);
    if (!sensor.outcome().isFailure()) {
      return null;
    }
    return new Failure(sensor.errorKind().orElseThrow(), sensor.error().orElseThrow());
  }

  private static long sensorWrites(SensorsResult result) {
    SensorResult sensor = result.sensors().get(0);
    assertThat(sensor.outcome()).as(sensor.toString()).isNotEqualTo(SensorOutcome.FAILED);
    return result.apiCalls().write();
  }

  /** Installs, then edits every resource that can drift, the policy up to five versions. */
  private static void installAndDrift(MotoServer.Instance moto, Path home) {
    install(moto, home);
    try (AccountState state = new AccountState(moto)) {
      for (int v = 2; v <= 5; v++) {
        String doc =
            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":\"iot:Publish\",\"Resource\":\"arn:aws:iot:us-east-1:123456789012:topic/"
                + v
                + "\"}]}";
        state
            .iot()
            .createPolicyVersion(r -> r.policyName(POLICY).policyDocument(doc).setAsDefault(true));
      }
      var rule = state.iot().getTopicRule(r -> r.ruleName(RULE)).rule();
      state
          .iot()
          .replaceTopicRule(
              r ->
                  r.ruleName(RULE)
                      .topicRulePayload(
                          p ->
                              p.sql("SELECT * FROM 'testhumidity/#'")
                                  .awsIotSqlVersion(rule.awsIotSqlVersion())
                                  .actions(rule.actions())
                                  .errorAction(rule.errorAction())));
      state
          .iam()
          .putRolePolicy(
              r ->
                  r.roleName(ROLE)
                      .policyName(ROLE + "-access")
                      .policyDocument(
                          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                              + "\"Action\":\"timestream:*\",\"Resource\":\"*\"}]}"));
      state
          .timestream()
          .updateTable(
              r ->
                  r.databaseName(DB)
                      .tableName("testhumidity")
                      .retentionProperties(
                          p ->
                              p.memoryStoreRetentionPeriodInHours(1L)
                                  .magneticStoreRetentionPeriodInDays(1L)));
      try (var logs = dev.iotsys.testing.MotoAws.logs(moto)) {
        logs.putRetentionPolicy(
            r -> r.logGroupName("/iotsys/testhumidity/rule-errors").retentionInDays(1));
      }
      assertThat(state.policyVersions(POLICY)).isEqualTo(5);
    }
  }
}
