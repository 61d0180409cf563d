package dev.iotsys.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.InstallOptions;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.StatusResult;
import dev.iotsys.api.UninstallOptions;
import dev.iotsys.api.UninstallResult;
import dev.iotsys.testing.FaultInjection;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.ReadingsPath;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/**
 * A type moved from Timestream to DynamoDB, said as a move: the rule follows, the earlier readings
 * stay, and readings are stored in every state a killed move leaves.
 */
@ExtendWith(MotoServer.class)
class StoreSwitchIT {
  private static final String TIMESTREAM_TABLE = "timestream-table home.testhumidity";
  private static final String DYNAMODB_TABLE = "dynamodb-table iotsys.home.testhumidity";

  private static String named(ResourceResult r) {
    return r.kind() + " " + r.name();
  }

  @Test
  void installOnDynamoDb_afterTimestream_repointsTheRule_andKeepsTheTimestreamReadings(
      MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      iotsys.install("home", false, IotsysListener.NONE);

      IotsysException refused =
          assertThrows(
              IotsysException.class,
              () -> iotsys.install("home", "dynamodb", false, IotsysListener.NONE));
      assertThat(refused.kind()).isEqualTo(ErrorKind.PRECONDITION);
      assertThat(refused.getMessage())
          .contains("timestream-table home.testhumidity")
          .contains("--move");

      InstallResult moved = switchTo(iotsys, "dynamodb");
      assertThat(moved.resources())
          .filteredOn(r -> r.kind().equals("iot-topic-rule"))
          .extracting(ResourceResult::outcome)
          .containsExactly(Outcome.UPDATED);
      assertThat(moved.resources())
          .filteredOn(r -> named(r).equals(DYNAMODB_TABLE))
          .extracting(ResourceResult::outcome)
          .containsExactly(Outcome.CREATED);
      assertThat(moved.resources())
          .filteredOn(r -> named(r).equals(TIMESTREAM_TABLE))
          .extracting(ResourceResult::outcome)
          .containsExactly(Outcome.KEPT);

      // Later commands find the store from the rule: install without --store stays there.
      InstallResult again = iotsys.install("home", false, IotsysListener.NONE);
      assertThat(again.stores()).containsEntry("testhumidity", "dynamodb");
      assertThat(again.apiCalls().write()).isZero();

      StatusResult status = iotsys.status("home", IotsysListener.NONE);
      assertThat(status.converged()).isTrue();
      assertThat(status.resources())
          .filteredOn(r -> r.state() == StatusResult.State.KEPT)
          .extracting(r -> r.kind() + " " + r.name())
          .containsExactlyInAnyOrder(TIMESTREAM_TABLE, "timestream-database home");
    }
    try (IotClient iot = MotoAws.iot(moto)) {
      // DynamoDB's two actions (the table and its newest readings), no Timestream one left.
      assertThat(iot.getTopicRule(r -> r.ruleName("iotsys_testhumidity")).rule().actions())
          .hasSize(2)
          .allSatisfy(
              a -> {
                assertThat(a.dynamoDBv2()).isNotNull();
                assertThat(a.timestream()).isNull();
              });
    }
  }

  @Test
  void uninstall_afterASwitch_keepsBothStoresReadings_andDeleteDataDeletesBoth(
      MotoServer.Instance moto) {
    UninstallOptions keep = new UninstallOptions(true, false, false, false);
    UninstallOptions delete = new UninstallOptions(true, true, false, false);
    try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
      iotsys.install("home", false, IotsysListener.NONE);
      switchTo(iotsys, "dynamodb");

      UninstallResult kept = iotsys.uninstall("home", keep, IotsysListener.NONE);
      assertThat(kept.resources())
          .filteredOn(r -> r.outcome() == Outcome.KEPT)
          .extracting(StoreSwitchIT::named)
          .containsExactlyInAnyOrder(DYNAMODB_TABLE, TIMESTREAM_TABLE, "timestream-database home");
      try (DynamoDbClient dynamo = MotoAws.dynamo(moto);
          TimestreamWriteClient ts = MotoAws.timestream(moto)) {
        assertThat(dynamo.listTables().tableNames())
            .containsExactly("iotsys.home.testhumidity", "iotsys.home.testhumidity-newest");
        assertThat(ts.listTables(r -> r.databaseName("home")).tables()).hasSize(1);
      }

      UninstallResult deleted = iotsys.uninstall("home", delete, IotsysListener.NONE);
      assertThat(deleted.resources())
          .filteredOn(r -> r.outcome() == Outcome.DELETED)
          .extracting(StoreSwitchIT::named)
          .containsExactlyInAnyOrder(DYNAMODB_TABLE, TIMESTREAM_TABLE, "timestream-database home");
      try (DynamoDbClient dynamo = MotoAws.dynamo(moto);
          TimestreamWriteClient ts = MotoAws.timestream(moto)) {
        assertThat(dynamo.listTables().tableNames()).isEmpty();
        assertThat(ts.listDatabases(r -> {}).databases()).isEmpty();
      }

      UninstallResult twice = iotsys.uninstall("home", delete, IotsysListener.NONE);
      assertThat(twice.resources())
          .extracting(ResourceResult::outcome)
          .containsOnly(Outcome.ABSENT);
      assertThat(twice.apiCalls().write()).isZero();
    }
  }

  @Test
  void uninstall_ofADynamoDbInstall_keepsTheProtectedTableUnlessTheReadingsMayGo(
      MotoServer.Instance moto) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).build();
        DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
      iotsys.uninstall(
          "home", new UninstallOptions(false, false, false, false), IotsysListener.NONE);
      assertThat(
              dynamo
                  .describeTable(r -> r.tableName("iotsys.home.testhumidity"))
                  .table()
                  .deletionProtectionEnabled())
          .isTrue();

      UninstallResult deleted =
          iotsys.uninstall(
              "home", new UninstallOptions(false, true, false, false), IotsysListener.NONE);
      // The rule went with the first uninstall, so the store is found by looking in each one.
      assertThat(deleted.resources())
          .filteredOn(r -> r.outcome() != Outcome.ABSENT)
          .extracting(r -> named(r) + " " + r.outcome())
          .containsExactly(DYNAMODB_TABLE + " DELETED");
      assertThat(dynamo.listTables().tableNames()).isEmpty();
    }
  }

  /** A switch of every type to the store, said as the move it is. */
  private static InstallResult switchTo(Iotsys iotsys, String store) {
    return iotsys.install(
        "home",
        new InstallOptions(Optional.of(store), Optional.empty(), true, false),
        IotsysListener.NONE);
  }

  @Test
  void aSwitch_killedAfterAnyOfItsCalls_leavesTheReadingsAWorkingPath(MotoServer.Instance moto)
      throws Exception {
    for (String[] way : new String[][] {{"timestream", "dynamodb"}, {"dynamodb", "timestream"}}) {
      moto.reset();
      FaultInjection count = FaultInjection.never(FaultInjection.MUTATING);
      try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
        iotsys.install("home", way[0], false, IotsysListener.NONE);
      }
      try (Iotsys iotsys = MotoAws.iotsys(moto).client(ExecutionInterceptor.class, count).build()) {
        switchTo(iotsys, way[1]);
      }
      assertThat(ReadingsPath.broken(moto, "testhumidity")).isEmpty();
      assertThat(count.calls()).isPositive();
      for (int n = 1; n <= count.calls(); n++) {
        moto.reset();
        try (Iotsys iotsys = MotoAws.iotsys(moto).build()) {
          iotsys.install("home", way[0], false, IotsysListener.NONE);
        }
        FaultInjection kill = FaultInjection.killAfter(FaultInjection.MUTATING, n);
        try (Iotsys iotsys =
            MotoAws.iotsys(moto).client(ExecutionInterceptor.class, kill).build()) {
          assertThrows(IotsysException.class, () -> switchTo(iotsys, way[1]));
        }
        assertThat(ReadingsPath.broken(moto, "testhumidity"))
            .as(way[0] + " to " + way[1] + ": " + kill + " of " + count.seen())
            .isEmpty();
      }
    }
  }
}
