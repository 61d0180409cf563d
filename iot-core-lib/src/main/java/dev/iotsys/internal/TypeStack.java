package dev.iotsys.internal;

import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.engine.JsonDocuments;
import dev.iotsys.internal.engine.SdkMaps;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.internal.iam.RuleRoleResource;
import dev.iotsys.internal.iot.IotPolicyResource;
import dev.iotsys.internal.iot.ThingTypeResource;
import dev.iotsys.internal.iot.TopicRuleResource;
import dev.iotsys.internal.logs.LogGroupResource;
import dev.iotsys.spi.AwsAccount;
import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.RuleTarget;
import dev.iotsys.spi.SensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.TopicRule;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;

/**
 * The AWS resources of one sensor type, declared once: the store's resources for its readings, the
 * thing type, the device policy, the rule's error log group, the rule's role and the rule. Install
 * converges {@link #all()} in this order (each before what depends on it), uninstall removes them
 * in reverse ({@link #removalOrder()}), status shows install's dry run of them. Adding a resource
 * kind to every type is one line in {@link #all()}.
 *
 * <p>Members are made on demand, so a presence check of the thing type needs neither the store nor
 * the account.
 */
public final class TypeStack {
  /** How long rule errors are kept. */
  public static final int ERROR_LOG_RETENTION_DAYS = 30;

  private final AwsClients aws;
  private final IotClient iot;
  private final SensorType type;
  private final TypeNames names;
  private final ReadingStore store;
  private final String database;
  private boolean waitForThingTypes;
  private Optional<TopicRule> knownRule;
  private ReadingsTarget leaving;

  /**
   * The stack of a type on a store and database.
   *
   * @param iot the IoT client to use: one that can PATCH when rules or policies may change
   * @param store where the readings go; null only when no store member is asked for
   * @param database the database name; null only when no store member is asked for
   */
  public TypeStack(
      AwsClients aws, IotClient iot, SensorType type, ReadingStore store, String database) {
    this.aws = aws;
    this.iot = iot;
    this.type = type;
    this.names = new TypeNames(type.id());
    this.store = store;
    this.database = database;
  }

  /** Uninstall waits out AWS's 5 minutes after deprecating the thing type, instead of pending. */
  public TypeStack waitingForThingTypes(boolean wait) {
    this.waitForThingTypes = wait;
    return this;
  }

  /**
   * The type moves its readings here from another store or database: until its rule writes here,
   * its role may write to both, so that readings are stored in every state a run leaves.
   */
  public TypeStack movingFrom(ReadingsTarget from) {
    this.leaving = from;
    return this;
  }

  /** The type's rule as the command read it already (see {@link InstalledStore}). */
  public TypeStack withRuleAsRead(Optional<TopicRule> rule) {
    this.knownRule = rule;
    return this;
  }

  public SensorType type() {
    return type;
  }

  public ReadingStore store() {
    return Objects.requireNonNull(store, "no store for this stack");
  }

  /**
   * Every resource of the type, in the order install converges them. In a move the role comes
   * twice: allowed both targets before the rule moves, narrowed to the new one after.
   */
  public List<Resource<?>> all() {
    List<Resource<?>> all = new ArrayList<>(storeResources());
    all.add(thingType());
    all.add(devicePolicy());
    all.add(errorLog());
    all.add(role(leaving != null));
    all.add(rule());
    if (leaving != null) {
      all.add(role());
    }
    return all;
  }

  /** Every resource, dependants first: the rule before its role, the table (if any) last. */
  public List<Resource<?>> removalOrder() {
    List<Resource<?>> order = new ArrayList<>(all());
    java.util.Collections.reverse(order);
    return order;
  }

  /**
   * Where the store keeps this type's readings; none when the stack has no database (uninstall,
   * which finds the readings of every database itself, and deletes only what iotsys made).
   */
  public List<Resource<?>> storeResources() {
    return database == null ? List.of() : store().typeResources(aws, database, type);
  }

  public ThingTypeResource thingType() {
    return new ThingTypeResource(iot, names.thingType(), type.description(), waitForThingTypes);
  }

  public IotPolicyResource devicePolicy() {
    return new IotPolicyResource(iot, names.devicePolicy(), () -> type.devicePolicy(aws.account()));
  }

  public LogGroupResource errorLog() {
    return new LogGroupResource(aws.logs(), names.errorLogGroup(), ERROR_LOG_RETENTION_DAYS);
  }

  public RuleRoleResource role() {
    return role(false);
  }

  private RuleRoleResource role(boolean alsoLeaving) {
    return new RuleRoleResource(
        aws.iam(),
        names.ruleRole(),
        () -> trustPolicy(aws.account()),
        names.ruleRolePolicy(),
        () -> rolePolicy(aws.account(), alsoLeaving));
  }

  public TopicRuleResource rule() {
    TopicRuleResource rule = new TopicRuleResource(iot, names.topicRule(), this::rulePayload);
    if (knownRule != null) {
      rule.knownToBe(knownRule);
      knownRule = null;
    }
    return rule;
  }

  private String roleArn(AwsAccount account) {
    return "arn:"
        + account.partition()
        + ":iam::"
        + account.accountId()
        + ":role/"
        + names.ruleRole();
  }

  /** The store's SQL and actions, and the errors of every action into the type's log group. */
  TopicRulePayload rulePayload() {
    String roleArn = roleArn(aws.account());
    RuleTarget target = store().ruleTarget(database, type, roleArn);
    return TopicRulePayload.builder()
        .sql(target.sql())
        .awsIotSqlVersion(target.sqlVersion())
        .description(
            "iotsys: readings of " + type.id() + " sensors into " + store().id() + " " + database)
        .ruleDisabled(false)
        .actions(target.actions().stream().map(a -> SdkMaps.build(Action::builder, a)).toList())
        .errorAction(
            SdkMaps.build(
                Action::builder,
                Map.of(
                    "cloudwatchLogs",
                    Map.of("roleArn", roleArn, "logGroupName", names.errorLogGroup()))))
        .build();
  }

  /**
   * Only AWS IoT, acting for this account and for this type's rule (aws:SourceArn), may assume the
   * role: no other rule in the account can borrow its permissions.
   */
  String trustPolicy(AwsAccount account) {
    return ruleTrustPolicy(account, names.topicRule());
  }

  /** A role only the named topic rule of this account may assume (see {@link #trustPolicy}). */
  public static String ruleTrustPolicy(AwsAccount account, String ruleName) {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("StringEquals", Map.of("aws:SourceAccount", account.accountId()));
    condition.put("ArnLike", Map.of("aws:SourceArn", account.arn("iot", "rule/" + ruleName)));
    Map<String, Object> statement = new LinkedHashMap<>();
    statement.put("Effect", "Allow");
    statement.put("Principal", Map.of("Service", "iot.amazonaws.com"));
    statement.put("Action", "sts:AssumeRole");
    statement.put("Condition", condition);
    return policy(List.of(statement));
  }

  /** Write this type's readings, and report rule errors to its log group; nothing else. */
  String rolePolicy(AwsAccount account) {
    return rolePolicy(account, false);
  }

  /** As {@link #rolePolicy(AwsAccount)}, with the target the type leaves when asked. */
  private String rolePolicy(AwsAccount account, boolean alsoLeaving) {
    List<Map<String, Object>> statements =
        new ArrayList<>(store().writeStatements(account, database, type));
    if (alsoLeaving) {
      for (Map<String, Object> s :
          leaving.store().writeStatements(account, leaving.database(), type)) {
        if (!statements.contains(s)) {
          statements.add(s);
        }
      }
    }
    Map<String, Object> logs = new LinkedHashMap<>();
    logs.put("Effect", "Allow");
    logs.put("Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"));
    logs.put("Resource", account.arn("logs", "log-group:" + names.errorLogGroup() + ":*"));
    statements.add(logs);
    return policy(statements);
  }

  /** An IAM policy document of these statements, keys sorted. */
  public static String policy(List<Map<String, Object>> statements) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("Version", "2012-10-17");
    doc.put("Statement", statements);
    return JsonDocuments.write(doc);
  }
}
