package dev.iotsys.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.InstallResult;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.engine.AwsResource;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.internal.iam.RuleRoleResource;
import dev.iotsys.internal.iot.IotPolicyResource;
import dev.iotsys.internal.iot.ThingTypeResource;
import dev.iotsys.internal.iot.TopicRuleResource;
import dev.iotsys.internal.logs.LogGroupResource;
import dev.iotsys.internal.storage.ReadingStore;
import dev.iotsys.spi.AwsAccount;
import dev.iotsys.spi.SensorType;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;

/** Builds the desired resources of an install and hands them to the {@link ConvergeEngine}. */
public final class Installer {
  /** The rule's SQL version: 2016-03-23 would turn 21.0 into 21 and break the measure's type. */
  public static final String SQL_VERSION = "2015-10-08";
  /** How long rule errors are kept. */
  public static final int ERROR_LOG_RETENTION_DAYS = 30;

  private final AwsClients clients;
  private final ReadingStore store;
  private final SensorTypeRegistry registry;
  private final AccountResolver accounts;

  public Installer(
      AwsClients clients, ReadingStore store, SensorTypeRegistry registry, AccountResolver accounts) {
    this.clients = clients;
    this.store = store;
    this.registry = registry;
    this.accounts = accounts;
  }

  /** The database and every sensor type on the class path. */
  public InstallResult install(String database, boolean dryRun, IotsysListener listener) {
    Names.database(database);
    ApiCalls before = clients.counter().totals();
    AwsAccount account = accounts.account();
    List<AwsResource<?>> resources = new ArrayList<>();
    resources.add(store.database(database));
    IotClient iot = iotFor(dryRun);
    for (SensorType type : registry.all()) {
      resources.addAll(typeResources(database, type, account, iot));
    }
    List<ResourceResult> results = new ConvergeEngine(listener).converge(resources, dryRun);
    return new InstallResult(database, dryRun, results, clients.counter().since(before));
  }

  /** One sensor type, on a database that must exist already. */
  public InstallResult installType(
      String typeId, String database, boolean dryRun, IotsysListener listener) {
    Names.database(database);
    SensorType type = registry.get(typeId);
    ApiCalls before = clients.counter().totals();
    AwsAccount account = accounts.account();
    store.requireDatabase(database);
    List<ResourceResult> results =
        new ConvergeEngine(listener).converge(
            typeResources(database, type, account, iotFor(dryRun)), dryRun);
    return new InstallResult(database, dryRun, results, clients.counter().since(before));
  }

  /**
   * The IoT client that can send PATCH (a topic rule replaced, a policy version made default)
   * when changes are to be made; a dry run, and so {@code status}, only reads and does without.
   */
  private IotClient iotFor(boolean dryRun) {
    return dryRun ? clients.iot() : clients.iotWithPatch();
  }

  /** The resources of one type, in an order AWS accepts (the role before the rule). */
  List<AwsResource<?>> typeResources(
      String database, SensorType type, AwsAccount account, IotClient iot) {
    TypeNames names = new TypeNames(type.id());
    String roleArn = "arn:" + account.partition() + ":iam::" + account.accountId() + ":role/"
        + names.ruleRole();
    TopicRulePayload rule = TopicRulePayload.builder()
        .sql(type.ruleSql())
        .awsIotSqlVersion(SQL_VERSION)
        .description("iotsys: readings of " + type.id() + " sensors into " + database)
        .ruleDisabled(false)
        .actions(store.ruleAction(database, type, names, roleArn))
        .errorAction(Action.builder()
            .cloudwatchLogs(l -> l.roleArn(roleArn).logGroupName(names.errorLogGroup()))
            .build())
        .build();
    return List.of(
        store.table(database, type, names),
        new ThingTypeResource(iot, names.thingType(), type.description()),
        new IotPolicyResource(iot, names.devicePolicy(), type.devicePolicy(account)),
        new LogGroupResource(clients.logs(), names.errorLogGroup(), ERROR_LOG_RETENTION_DAYS),
        new RuleRoleResource(clients.iam(), names.ruleRole(), trustPolicy(account),
            names.ruleRolePolicy(), rolePolicy(database, names, account)),
        new TopicRuleResource(iot, names.topicRule(), rule));
  }

  /** Only AWS IoT, acting for this account, may assume the role. */
  static String trustPolicy(AwsAccount account) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode().put("Version", "2012-10-17");
    ObjectNode statement = doc.putArray("Statement").addObject();
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("Service", "iot.amazonaws.com");
    statement.put("Action", "sts:AssumeRole");
    statement.putObject("Condition").putObject("StringEquals")
        .put("aws:SourceAccount", account.accountId());
    return doc.toString();
  }

  /** Write this type's readings, and report rule errors to its log group; nothing else. */
  String rolePolicy(String database, TypeNames names, AwsAccount account) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode().put("Version", "2012-10-17");
    ArrayNode statements = doc.putArray("Statement");
    statements.addAll(store.writeStatements(database, names, account));
    ObjectNode logs = statements.addObject();
    logs.put("Effect", "Allow");
    logs.putArray("Action").add("logs:CreateLogStream").add("logs:PutLogEvents");
    logs.put("Resource", account.arn("logs", "log-group:" + names.errorLogGroup() + ":*"));
    return doc.toString();
  }
}
