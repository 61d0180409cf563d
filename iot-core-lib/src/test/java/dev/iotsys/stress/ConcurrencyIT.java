package dev.iotsys.stress;

import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.SensorsResult;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.invocation.InvocationOnMock;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iot.model.CreateThingTypeRequest;
import software.amazon.awssdk.services.iot.model.CreateTopicRuleRequest;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.ConflictException;
import software.amazon.awssdk.services.timestreamwrite.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.timestreamwrite.model.CreateTableRequest;

/**
 * Two commands at once against one account (and, for sensors, one home folder, as two terminals on
 * one machine): both succeed, or the loser says why in one line, and the account ends as after one
 * run. moto overwrites a duplicate create silently where AWS refuses it, so the race AWS would
 * answer with "already exists" is played with Mockito: the rival's create lands first.
 */
@ExtendWith(MotoServer.class)
class ConcurrencyIT {
  @TempDir Path tmp;

  /**
   * Both runs read each resource as absent and both create it; AWS lets one create through and
   * answers the other "already exists" ({@link CreateRace}, as moto would overwrite instead). The
   * loser must read the resource again and compare, for every one of the seven.
   */
  @Test
  void twoInstallsAtOnce_bothSucceed_andLeaveWhatOneInstallLeaves(MotoServer.Instance moto)
      throws Exception {
    List<String> reference;
    try (AccountState state = new AccountState(moto)) {
      install(moto, tmp);
      reference = state.snapshot(tmp);
    }
    moto.reset();
    CreateRace race = new CreateRace();

    List<InstallResult> results =
        atOnce(() -> runInstall(moto, race), () -> runInstall(moto, race));

    assertThat(race.refused())
        .as("every create was raced, and lost by one run (names: README, What install creates)")
        .containsExactly(
            "iam-role iotsys-testhumidity-rule",
            "iot-policy iotsys-testhumidity-device",
            "iot-thing-type testhumidity",
            "iot-topic-rule iotsys_testhumidity",
            "logs-log-group /iotsys/testhumidity/rule-errors",
            "timestream-database home",
            "timestream-table home.testhumidity");
    for (int i = 0; i < 7; i++) {
      ResourceResult first = results.get(0).resources().get(i);
      ResourceResult second = results.get(1).resources().get(i);
      assertThat(List.of(first.outcome(), second.outcome()))
          .as(first + " / " + second)
          .containsOnlyOnce(Outcome.CREATED)
          .allSatisfy(o -> assertThat(o).isIn(Outcome.CREATED, Outcome.UNCHANGED, Outcome.UPDATED));
    }
    try (AccountState state = new AccountState(moto)) {
      assertThat(state.snapshot(tmp)).isEqualTo(reference);
      state.assertInvariants(tmp, true);
    }
    try (Iotsys iotsys = iotsys(moto, tmp)) {
      assertThat(iotsys.install("home", false, IotsysListener.NONE).apiCalls().write()).isZero();
    }
  }

  @Test
  void twoSensorAddsOfDifferentNamesAtOnce_bothCreateTheirSensor(MotoServer.Instance moto)
      throws Exception {
    install(moto, tmp);

    List<SensorsResult> results =
        atOnce(() -> addOne(moto, "kitchen"), () -> addOne(moto, "garage"));

    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r.sensors().get(0).outcome())
                    .as(r.toString())
                    .isEqualTo(SensorOutcome.CREATED));
    try (AccountState state = new AccountState(moto)) {
      state.assertInvariants(tmp, true);
      assertThat(state.certificates()).hasSize(2);
      assertThat(state.iot().listThings().things()).hasSize(2);
    }
    assertThat(tmp.resolve("certificates/kitchen/private-key.der")).isRegularFile();
    assertThat(tmp.resolve("certificates/garage/private-key.der")).isRegularFile();
  }

  @Test
  void twoSensorAddsOfTheSameNameAtOnce_endWithOneThingOneActiveCertificateAndItsKey(
      MotoServer.Instance moto) throws Exception {
    install(moto, tmp);

    List<SensorsResult> results =
        atOnce(() -> addOne(moto, "kitchen"), () -> addOne(moto, "kitchen"));

    List<SensorOutcome> outcomes =
        results.stream().map(r -> r.sensors().get(0).outcome()).sorted().toList();
    assertThat(outcomes)
        .as(results.toString())
        .containsExactly(SensorOutcome.CREATED, SensorOutcome.UNCHANGED);
    try (AccountState state = new AccountState(moto)) {
      state.assertInvariants(tmp, true);
      assertThat(state.iot().listThings().things()).hasSize(1);
      assertThat(state.certificates())
          .as("one certificate, no leftover")
          .hasSize(1)
          .allSatisfy(c -> assertThat(c.statusAsString()).isEqualTo("ACTIVE"));
      assertThat(Files.readString(tmp.resolve("certificates/kitchen/certificate-id")).trim())
          .isEqualTo(state.certificates().get(0).certificateId());
    }
    try (Iotsys iotsys = iotsys(moto, tmp)) {
      SensorsResult again = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      assertThat(again.sensors().get(0).outcome()).isEqualTo(SensorOutcome.UNCHANGED);
      assertThat(again.apiCalls().write()).isZero();
    }
  }

  private static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

  /**
   * Two homes (two users, two machines) adding the same five sensors at once, three times over:
   * each sensor ends with exactly one ACTIVE certificate, its key in exactly one home, the other
   * home told so in one line and left without a key; and neither home's next run deletes the
   * other's certificate.
   */
  @Test
  void twoHomesAddingTheSameSensorsAtOnce_endWithOneActiveCertificateEach_inOneHome(
      MotoServer.Instance moto) throws Exception {
    for (int round = 1; round <= 3; round++) {
      moto.reset();
      Path first = tmp.resolve("round" + round + "/first");
      Path second = tmp.resolve("round" + round + "/second");
      install(moto, first);

      List<SensorsResult> results =
          atOnce(() -> addAll(moto, first, FIVE), () -> addAll(moto, second, FIVE));

      assertOneHomeOwnsEachSensor(moto, FIVE, first, second, results.get(0), results.get(1));
    }
  }

  /**
   * The closest race: both homes read the thing as absent, and both attach their certificate before
   * either looks again. The tie is broken by the certificate ids, the same way in both.
   */
  @Test
  void twoHomesThatBothAttachBeforeEitherLooks_leaveExactlyOneActiveCertificate(
      MotoServer.Instance moto) throws Exception {
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    install(moto, first);
    CyclicBarrier read = new CyclicBarrier(2);
    CyclicBarrier attached = new CyclicBarrier(2);

    List<SensorsResult> results =
        atOnce(
            () -> addAll(moto, first, List.of("kitchen"), new InStep(read, attached)),
            () -> addAll(moto, second, List.of("kitchen"), new InStep(read, attached)));

    assertThat(attached.isBroken()).as("both attached before either looked").isFalse();
    assertOneHomeOwnsEachSensor(
        moto, List.of("kitchen"), first, second, results.get(0), results.get(1));
  }

  /** Holds each run after its first DescribeThing and its first AttachThingPrincipal. */
  private static final class InStep implements ExecutionInterceptor {
    private final CyclicBarrier read;
    private final CyclicBarrier attached;
    private final Set<String> passed = ConcurrentHashMap.newKeySet();

    InStep(CyclicBarrier read, CyclicBarrier attached) {
      this.read = read;
      this.attached = attached;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      CyclicBarrier barrier =
          "DescribeThing".equals(operation)
              ? read
              : "AttachThingPrincipal".equals(operation) ? attached : null;
      if (barrier != null && passed.add(operation)) {
        try {
          barrier.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
          // The other run never came: it went on alone, which the assertions then show.
        }
      }
    }
  }

  private static void assertOneHomeOwnsEachSensor(
      MotoServer.Instance moto,
      List<String> names,
      Path first,
      Path second,
      SensorsResult inFirst,
      SensorsResult inSecond)
      throws Exception {
    Map<String, String> owner = new TreeMap<>();
    try (AccountState state = new AccountState(moto)) {
      for (String name : names) {
        List<String> principals =
            state.iot().listThingPrincipals(r -> r.thingName(name)).principals();
        List<String> active =
            principals.stream()
                .filter(
                    p ->
                        "ACTIVE"
                            .equals(
                                state
                                    .iot()
                                    .describeCertificate(
                                        r -> r.certificateId(p.substring(p.lastIndexOf('/') + 1)))
                                    .certificateDescription()
                                    .statusAsString()))
                .toList();
        assertThat(active)
            .as("active certificates of " + name + ": " + inFirst + " / " + inSecond)
            .hasSize(1);
        assertThat(principals).as("the loser withdrew its certificate from " + name).hasSize(1);
        String id = active.get(0).substring(active.get(0).lastIndexOf('/') + 1);
        Path winner = null;
        for (Path home : List.of(first, second)) {
          Path key = home.resolve("certificates").resolve(name).resolve("private-key.der");
          if (Files.exists(key)
              && RSAPrivateKey.getInstance(Files.readAllBytes(key))
                  .getModulus()
                  .equals(((RSAPublicKey) state.x509(id).getPublicKey()).getModulus())) {
            assertThat(winner).as("one home holds the key of " + name).isNull();
            winner = home;
          }
        }
        assertThat(winner).as("a home holds the key of " + name).isNotNull();
        Path loser = winner == first ? second : first;
        assertThat(loser.resolve("certificates").resolve(name).resolve("private-key.der"))
            .as("the losing home keeps no key of " + name)
            .doesNotExist();
        SensorResult won = result(winner == first ? inFirst : inSecond, name);
        SensorResult lost = result(winner == first ? inSecond : inFirst, name);
        assertThat(won.outcome()).as(won.toString()).isEqualTo(SensorOutcome.CREATED);
        assertThat(lost.errorKind()).as(lost.toString()).contains(ErrorKind.PRECONDITION);
        assertThat(lost.error().orElseThrow())
            .contains("provisioned from another home")
            .doesNotContain("\n");
        owner.put(name, id);
      }
      // No certificate is left over anywhere: each loser withdrew its own.
      assertThat(state.certificates()).hasSize(names.size());
    }
    for (Path home : List.of(first, second)) {
      SensorsResult again = addAll(moto, home, names);
      for (SensorResult s : again.sensors()) {
        boolean ownsIt =
            Files.exists(home.resolve("certificates").resolve(s.name()).resolve("private-key.der"));
        assertThat(s.outcome())
            .as(s.toString())
            .isEqualTo(ownsIt ? SensorOutcome.UNCHANGED : SensorOutcome.FAILED);
      }
      assertThat(again.apiCalls().write()).as("the next run in " + home).isZero();
    }
    try (AccountState state = new AccountState(moto)) {
      Map<String, String> after = new TreeMap<>();
      for (String name : names) {
        String p = state.iot().listThingPrincipals(r -> r.thingName(name)).principals().get(0);
        after.put(name, p.substring(p.lastIndexOf('/') + 1));
      }
      assertThat(after).as("nobody's certificate was replaced or deleted").isEqualTo(owner);
    }
  }

  private static SensorResult result(SensorsResult result, String name) {
    return result.sensors().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static SensorsResult addAll(
      MotoServer.Instance moto, Path home, List<String> names, ExecutionInterceptor... extra) {
    try (Iotsys iotsys = iotsys(moto, home, extra)) {
      return iotsys.addSensors(add(names.toArray(String[]::new)), IotsysListener.NONE);
    }
  }

  /**
   * On AWS, the run that loses the race for each create is told "already exists" (moto would
   * overwrite instead, and for a Timestream database wipe its tables): every create below first
   * lets the rival's identical create through to moto, then answers as AWS does.
   */
  @Test
  void install_whenARivalInstallCreatesEachResourceFirst_adoptsItInsteadOfFailing(
      MotoServer.Instance moto) throws Exception {
    List<String> reference;
    try (AccountState state = new AccountState(moto)) {
      install(moto, tmp);
      reference = state.snapshot(tmp);
    }
    moto.reset();

    List<String> lost = new ArrayList<>();
    try (IotClient realIot = MotoAws.iot(moto);
        IamClient realIam = MotoAws.iam(moto);
        TimestreamWriteClient realTimestream = MotoAws.timestream(moto);
        CloudWatchLogsClient realLogs = MotoAws.logs(moto)) {
      IotClient iot = delegating(IotClient.class, realIot);
      IamClient iam = delegating(IamClient.class, realIam);
      TimestreamWriteClient timestream = delegating(TimestreamWriteClient.class, realTimestream);
      CloudWatchLogsClient logs = delegating(CloudWatchLogsClient.class, realLogs);
      doAnswer(
              rivalFirst(
                  realIot, lost, "thing type", iot(ResourceAlreadyExistsException.builder())))
          .when(iot)
          .createThingType(any(CreateThingTypeRequest.class));
      doAnswer(rivalFirst(realIot, lost, "policy", iot(ResourceAlreadyExistsException.builder())))
          .when(iot)
          .createPolicy(any(CreatePolicyRequest.class));
      doAnswer(
              rivalFirst(
                  realIot, lost, "topic rule", iot(ResourceAlreadyExistsException.builder())))
          .when(iot)
          .createTopicRule(any(CreateTopicRuleRequest.class));
      doAnswer(
              rivalFirst(
                  realIam,
                  lost,
                  "role",
                  EntityAlreadyExistsException.builder()
                      .statusCode(409)
                      .awsErrorDetails(details("EntityAlreadyExists"))
                      .build()))
          .when(iam)
          .createRole(any(CreateRoleRequest.class));
      doAnswer(
              rivalFirst(
                  realLogs,
                  lost,
                  "log group",
                  software.amazon.awssdk.services.cloudwatchlogs.model
                      .ResourceAlreadyExistsException.builder()
                      .statusCode(400)
                      .awsErrorDetails(details("ResourceAlreadyExistsException"))
                      .build()))
          .when(logs)
          .createLogGroup(any(CreateLogGroupRequest.class));
      doAnswer(
              rivalFirst(
                  realTimestream,
                  lost,
                  "database",
                  ConflictException.builder()
                      .statusCode(409)
                      .awsErrorDetails(details("ConflictException"))
                      .build()))
          .when(timestream)
          .createDatabase(any(CreateDatabaseRequest.class));
      doAnswer(
              rivalFirst(
                  realTimestream,
                  lost,
                  "table",
                  ConflictException.builder()
                      .statusCode(409)
                      .awsErrorDetails(details("ConflictException"))
                      .build()))
          .when(timestream)
          .createTable(any(CreateTableRequest.class));

      InstallResult result;
      try (Iotsys iotsys =
          MotoAws.iotsys(moto)
              .home(tmp)
              .client(IotClient.class, iot)
              .client(IamClient.class, iam)
              .client(TimestreamWriteClient.class, timestream)
              .client(CloudWatchLogsClient.class, logs)
              .build()) {
        result = iotsys.install("home", false, IotsysListener.NONE);
      }

      assertThat(lost)
          .as("races lost")
          .containsExactlyInAnyOrder(
              "database", "table", "thing type", "policy", "log group", "role", "topic rule");
      assertThat(result.resources())
          .extracting(ResourceResult::outcome)
          .doesNotContain(Outcome.CREATED);
    }
    try (AccountState state = new AccountState(moto)) {
      assertThat(state.snapshot(tmp)).isEqualTo(reference);
      state.assertInvariants(tmp, true);
    }
  }

  @Test
  void installOnDynamoDb_whenARivalCreatesTheTableFirst_adoptsItAndGivesItItsTimeToLive(
      MotoServer.Instance moto) throws Exception {
    List<String> reference;
    try (AccountState state = new AccountState(moto)) {
      try (Iotsys iotsys = iotsys(moto, tmp)) {
        iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
      }
      reference = state.snapshot(tmp);
    }
    moto.reset();

    List<String> lost = new ArrayList<>();
    InstallResult result;
    try (DynamoDbClient realDynamo = MotoAws.dynamo(moto)) {
      DynamoDbClient dynamo = delegating(DynamoDbClient.class, realDynamo);
      // The rival's table exists before its time to live is set: the loser sees it without one.
      doAnswer(
              rivalFirst(
                  realDynamo,
                  lost,
                  "table",
                  ResourceInUseException.builder()
                      .statusCode(400)
                      .awsErrorDetails(details("ResourceInUseException"))
                      .build()))
          .when(dynamo)
          .createTable(
              any(software.amazon.awssdk.services.dynamodb.model.CreateTableRequest.class));
      try (Iotsys iotsys =
          MotoAws.iotsys(moto).home(tmp).client(DynamoDbClient.class, dynamo).build()) {
        result = iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
      }
    }
    // The rival made both: the table, and after it its companion of newest readings.
    assertThat(lost).containsExactly("table", "table");
    assertThat(result.resources().get(0).kind()).isEqualTo("dynamodb-table");
    assertThat(result.resources().get(0).outcome()).isEqualTo(Outcome.UPDATED);
    try (AccountState state = new AccountState(moto)) {
      assertThat(state.snapshot(tmp)).isEqualTo(reference);
    }
  }

  @Test
  void twoInstallsOnDynamoDbAtOnce_bothSucceed_andLeaveWhatOneInstallLeaves(
      MotoServer.Instance moto) throws Exception {
    List<String> reference;
    try (AccountState state = new AccountState(moto)) {
      try (Iotsys iotsys = iotsys(moto, tmp)) {
        iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
      }
      reference = state.snapshot(tmp);
    }
    moto.reset();

    List<InstallResult> results =
        atOnce(() -> runInstall(moto, "dynamodb"), () -> runInstall(moto, "dynamodb"));

    assertThat(results).allSatisfy(r -> assertThat(r.stores()).containsValue("dynamodb"));
    try (AccountState state = new AccountState(moto)) {
      assertThat(state.snapshot(tmp)).isEqualTo(reference);
    }
    try (Iotsys iotsys = iotsys(moto, tmp)) {
      assertThat(iotsys.install("home", false, IotsysListener.NONE).apiCalls().write()).isZero();
    }
  }

  private InstallResult runInstall(MotoServer.Instance moto, String store) {
    try (Iotsys iotsys = iotsys(moto, tmp)) {
      return iotsys.install("home", store, false, IotsysListener.NONE);
    }
  }

  /**
   * A client whose {@code Consumer<Builder>} overloads run as the SDK wrote them, so that they
   * reach the request overloads that are stubbed, and whose other calls go to the real client.
   */
  private static <T> T delegating(Class<T> type, T real) {
    return mock(
        type,
        withSettings()
            .defaultAnswer(
                invocation -> {
                  Class<?>[] parameters = invocation.getMethod().getParameterTypes();
                  return parameters.length == 1
                          && parameters[0] == java.util.function.Consumer.class
                      ? invocation.callRealMethod()
                      : invokeOn(real, invocation);
                }));
  }

  private static Object invokeOn(Object real, InvocationOnMock invocation) throws Throwable {
    try {
      return invocation.getMethod().invoke(real, invocation.getArguments());
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Lets the rival's create through (the same request, to the real moto), then loses. */
  private static org.mockito.stubbing.Answer<Object> rivalFirst(
      Object real, List<String> lost, String what, AwsServiceException answer) {
    return (InvocationOnMock invocation) -> {
      invokeOn(real, invocation);
      synchronized (lost) {
        lost.add(what);
      }
      throw answer;
    };
  }

  private static AwsServiceException iot(ResourceAlreadyExistsException.Builder builder) {
    return builder
        .statusCode(409)
        .awsErrorDetails(details("ResourceAlreadyExistsException"))
        .build();
  }

  private static AwsErrorDetails details(String code) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage("already exists").build();
  }

  private InstallResult runInstall(MotoServer.Instance moto, CreateRace race) {
    try (Iotsys iotsys = iotsys(moto, tmp, race)) {
      return iotsys.install("home", false, IotsysListener.NONE);
    }
  }

  private SensorsResult addOne(MotoServer.Instance moto, String name) {
    try (Iotsys iotsys = iotsys(moto, tmp)) {
      return iotsys.addSensors(add(name), IotsysListener.NONE);
    }
  }

  /** Starts both together (a barrier) on two threads and waits for both. */
  @SafeVarargs
  private static <T> List<T> atOnce(Callable<T>... commands) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(commands.length);
    CyclicBarrier start = new CyclicBarrier(commands.length);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> command : commands) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return command.call();
                }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
