package dev.iotsys.stress;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iot.model.CreateThingTypeRequest;
import software.amazon.awssdk.services.iot.model.CreateTopicRuleRequest;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.timestreamwrite.model.ConflictException;
import software.amazon.awssdk.services.timestreamwrite.model.CreateDatabaseRequest;
import software.amazon.awssdk.services.timestreamwrite.model.CreateTableRequest;

/**
 * Two runs creating the same resource at once, answered as AWS answers them: one create goes
 * through, the other gets the service's "already exists" error once the first has landed. moto
 * cannot play this (it overwrites a duplicate create silently), so this interceptor, shared by the
 * clients of both runs, plays it in front of moto.
 *
 * <p>Each create of a resource waits (up to 20 s) for the other run's create of the same resource,
 * so both runs have read it as absent before either creates it: every resource is raced, not only
 * those the scheduler happens to interleave.
 */
final class CreateRace implements ExecutionInterceptor {
  private static final ExecutionAttribute<Race> LANDING = new ExecutionAttribute<>("create-race");

  private final Map<String, Race> races = new ConcurrentHashMap<>();
  private final Set<String> refused = ConcurrentHashMap.newKeySet();

  private static final class Race {
    final CyclicBarrier bothThere = new CyclicBarrier(2);
    final AtomicBoolean taken = new AtomicBoolean();
    final CountDownLatch landed = new CountDownLatch(1);
  }

  /** The resources whose create was refused as "already exists", e.g. {@code role home-rule}. */
  Set<String> refused() {
    return new TreeSet<>(refused);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String resource = resource(context.request());
    if (resource == null) {
      return;
    }
    Race race = races.computeIfAbsent(resource, k -> new Race());
    try {
      race.bothThere.await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      // The other run never came this far: this create goes on alone.
    }
    if (race.taken.compareAndSet(false, true)) {
      attributes.putAttribute(LANDING, race);
      return;
    }
    try {
      race.landed.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    refused.add(resource);
    throw alreadyExists(context.request());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Race race = attributes.getAttribute(LANDING);
    if (race != null) {
      race.landed.countDown();
    }
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    Race race = attributes.getAttribute(LANDING);
    if (race != null) {
      race.landed.countDown();
    }
  }

  /** What a create makes, or null for any other call. */
  private static String resource(SdkRequest request) {
    if (request instanceof CreateDatabaseRequest r) {
      return "timestream-database " + r.databaseName();
    }
    if (request instanceof CreateTableRequest r) {
      return "timestream-table " + r.databaseName() + "." + r.tableName();
    }
    if (request instanceof CreateThingTypeRequest r) {
      return "iot-thing-type " + r.thingTypeName();
    }
    if (request instanceof CreatePolicyRequest r) {
      return "iot-policy " + r.policyName();
    }
    if (request instanceof CreateTopicRuleRequest r) {
      return "iot-topic-rule " + r.ruleName();
    }
    if (request instanceof CreateRoleRequest r) {
      return "iam-role " + r.roleName();
    }
    if (request instanceof CreateLogGroupRequest r) {
      return "logs-log-group " + r.logGroupName();
    }
    if (request instanceof software.amazon.awssdk.services.dynamodb.model.CreateTableRequest r) {
      return "dynamodb-table " + r.tableName();
    }
    return null;
  }

  /** The error each service answers a create of something that exists with (API references). */
  private static AwsServiceException alreadyExists(SdkRequest request) {
    if (request instanceof CreateDatabaseRequest || request instanceof CreateTableRequest) {
      return ConflictException.builder()
          .statusCode(409)
          .awsErrorDetails(details("ConflictException"))
          .build();
    }
    if (request instanceof CreateRoleRequest) {
      return EntityAlreadyExistsException.builder()
          .statusCode(409)
          .awsErrorDetails(details("EntityAlreadyExists"))
          .build();
    }
    if (request instanceof CreateLogGroupRequest) {
      return software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException
          .builder()
          .statusCode(400)
          .awsErrorDetails(details("ResourceAlreadyExistsException"))
          .build();
    }
    if (request instanceof software.amazon.awssdk.services.dynamodb.model.CreateTableRequest) {
      return ResourceInUseException.builder()
          .statusCode(400)
          .awsErrorDetails(details("ResourceInUseException"))
          .build();
    }
    return ResourceAlreadyExistsException.builder()
        .statusCode(409)
        .awsErrorDetails(details("ResourceAlreadyExistsException"))
        .build();
  }

  private static AwsErrorDetails details(String code) {
    return AwsErrorDetails.builder().errorCode(code).errorMessage("already exists").build();
  }
}
