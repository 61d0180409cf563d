package dev.iotsys.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Aborts the n-th selected API call of a run, as a dropped connection or a killed process would,
 * and counts the selected calls (with {@link #never}, to learn how many a clean run makes).
 *
 * <p>The abort is an {@link SdkClientException} caused by an {@link IOException}, which is what the
 * SDK throws when the network fails; it is raised outside the SDK's retry loop, so it is not
 * retried. {@link When#BEFORE}: the call never reaches AWS. {@link When#AFTER}: AWS has done it,
 * but the run never learns of it.
 */
public final class FaultInjection implements ExecutionInterceptor {
  /**
   * The operations iotsys calls that only read, listed here rather than taken from the code under
   * test (which counts reads and writes by verb). An operation in neither list fails the test that
   * meets it, so a new call is classified on purpose.
   */
  static final Set<String> READS =
      Set.of(
          "DescribeThing",
          "ListThings",
          "ListThingPrincipals",
          "DescribeCertificate",
          "ListCertificates",
          "ListAttachedPolicies",
          "ListPrincipalThings",
          "DescribeEndpoint",
          "DescribeThingType",
          "ListThingTypes",
          "GetPolicy",
          "ListPolicyVersions",
          "GetTopicRule",
          "ListTopicRules",
          "ListTargetsForPolicy",
          "GetRole",
          "GetRolePolicy",
          "ListRolePolicies",
          "DescribeLogGroups",
          "GetCallerIdentity",
          "DescribeDatabase",
          "DescribeTable",
          "DescribeEndpoints",
          "Query",
          "DescribeTimeToLive",
          "ListTables",
          "ListDatabases",
          "ListTagsForResource",
          "GetTopicAttributes",
          "ListTopics",
          "ListSubscriptionsByTopic",
          "DescribeAlarms");

  /** The operations iotsys calls that change the account. */
  static final Set<String> WRITES =
      Set.of(
          "CreateThing",
          "UpdateThing",
          "DeleteThing",
          "AttachThingPrincipal",
          "DetachThingPrincipal",
          "CreateCertificateFromCsr",
          "UpdateCertificate",
          "DeleteCertificate",
          "AttachPolicy",
          "DetachPolicy",
          "CreateThingType",
          "DeprecateThingType",
          "DeleteThingType",
          "CreatePolicy",
          "CreatePolicyVersion",
          "DeletePolicyVersion",
          "SetDefaultPolicyVersion",
          "DeletePolicy",
          "CreateTopicRule",
          "ReplaceTopicRule",
          "DeleteTopicRule",
          "CreateRole",
          "UpdateAssumeRolePolicy",
          "PutRolePolicy",
          "DeleteRolePolicy",
          "DeleteRole",
          "CreateLogGroup",
          "PutRetentionPolicy",
          "DeleteLogGroup",
          "CreateDatabase",
          "DeleteDatabase",
          "CreateTable",
          "UpdateTable",
          "DeleteTable",
          "UpdateTimeToLive",
          "TagResource",
          "CreateTopic",
          "SetTopicAttributes",
          "Subscribe",
          "Unsubscribe",
          "DeleteTopic",
          "PutMetricAlarm",
          "SetAlarmState",
          "DeleteAlarms");

  /** Calls that may change the account, by the lists above. */
  public static final Predicate<ExecutionAttributes> MUTATING =
      a -> {
        String op = operation(a);
        if (WRITES.contains(op)) {
          return true;
        }
        if (READS.contains(op)) {
          return false;
        }
        throw new AssertionError(
            service(a)
                + ":"
                + op
                + " is neither in FaultInjection.READS nor"
                + " in FaultInjection.WRITES: classify it");
      };

  /** Every AWS IoT call, reads included. */
  public static final Predicate<ExecutionAttributes> IOT =
      a -> "iot".equalsIgnoreCase(a.getAttribute(SdkExecutionAttribute.SERVICE_NAME));

  /** When the selected call is aborted. */
  public enum When {
    /** Before it is sent: AWS never sees it. */
    BEFORE,
    /** After AWS answered: the change is made, the answer is lost. */
    AFTER
  }

  private static final ExecutionAttribute<Boolean> DOOMED =
      new ExecutionAttribute<>("iotsys.test.doomed");

  private final Predicate<ExecutionAttributes> selected;
  private final int n;
  private final When when;
  private final boolean killsTheRun;
  private final AtomicInteger calls = new AtomicInteger();
  private final List<String> seen = new ArrayList<>();
  private volatile String aborted;

  private FaultInjection(
      Predicate<ExecutionAttributes> selected, int n, When when, boolean killsTheRun) {
    if (n < 1) {
      throw new IllegalArgumentException("n counts from 1: " + n);
    }
    this.selected = selected;
    this.n = n;
    this.when = when;
    this.killsTheRun = killsTheRun;
  }

  /**
   * Aborts the n-th call (counting from 1) that {@code selected} accepts, as one dropped connection
   * would; later calls go through.
   */
  public static FaultInjection abort(Predicate<ExecutionAttributes> selected, int n, When when) {
    return new FaultInjection(selected, n, when, false);
  }

  /**
   * Kills the run after its n-th selected call is done in AWS, as a killed process would: that
   * call's answer is lost (when it has one) and no later selected call reaches AWS.
   */
  public static FaultInjection killAfter(Predicate<ExecutionAttributes> selected, int n) {
    return new FaultInjection(selected, n, When.AFTER, true);
  }

  /** Aborts nothing; only counts the calls {@code selected} accepts. */
  public static FaultInjection never(Predicate<ExecutionAttributes> selected) {
    return new FaultInjection(selected, Integer.MAX_VALUE, When.BEFORE, false);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (!selected.test(attributes)) {
      return;
    }
    int call = calls.incrementAndGet();
    String name = service(attributes) + ":" + operation(attributes);
    synchronized (seen) {
      seen.add(name);
    }
    if (killsTheRun && call > n) {
      throw fault("before sending " + name + ": the run was killed");
    }
    if (call != n) {
      return;
    }
    if (when == When.BEFORE) {
      aborted = name;
      throw fault("before sending " + name);
    }
    attributes.putAttribute(DOOMED, Boolean.TRUE);
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (Boolean.TRUE.equals(attributes.getAttribute(DOOMED))) {
      String name = service(attributes) + ":" + operation(attributes);
      aborted = name;
      throw fault("after " + name + " was done");
    }
  }

  private SdkClientException fault(String where) {
    return SdkClientException.builder()
        .message("injected fault " + where + " (call " + n + ")")
        .cause(new IOException("Connection reset (injected " + where + ", call " + n + ")"))
        .build();
  }

  /** How many selected calls the run made (the aborted one included). */
  public int calls() {
    return calls.get();
  }

  /** The selected calls in the order they started, as {@code Service:Operation}. */
  public List<String> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  /** The call that was aborted, if the run got that far. */
  public Optional<String> aborted() {
    return Optional.ofNullable(aborted);
  }

  @Override
  public String toString() {
    return (killsTheRun
            ? "kill the run after call " + n
            : "abort call " + n + " " + when.name().toLowerCase() + " it is done")
        + aborted().map(a -> " (" + a + ")").orElse("");
  }

  private static String operation(ExecutionAttributes a) {
    return a.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
  }

  private static String service(ExecutionAttributes a) {
    return a.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
  }
}
