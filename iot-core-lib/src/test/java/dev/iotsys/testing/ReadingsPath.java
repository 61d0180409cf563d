package dev.iotsys.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.TopicRule;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/**
 * Whether a sensor type's readings have a working path as the account stands: its topic rule
 * exists, enabled, with an action; each action's table exists; and the role each action assumes has
 * an inline policy that allows the write the action makes on that very table (on Timestream also
 * the endpoint discovery every write needs). moto runs no rules, so this reads the account as AWS
 * IoT would act on it. Everything is spelled out here (action names, ARNs, rule and table names),
 * not taken from the code under test.
 */
public final class ReadingsPath {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ACCOUNT = "123456789012";

  private ReadingsPath() {}

  /**
   * What is broken on the path of the type's readings, or empty when a reading would be stored.
   *
   * @param typeId the sensor type, e.g. {@code testhumidity}
   * @return why a reading would not be stored
   */
  public static Optional<String> broken(MotoServer.Instance moto, String typeId) {
    try (IotClient iot = MotoAws.iot(moto);
        IamClient iam = MotoAws.iam(moto);
        DynamoDbClient dynamo = MotoAws.dynamo(moto);
        TimestreamWriteClient timestream = MotoAws.timestream(moto)) {
      TopicRule rule;
      try {
        rule = iot.getTopicRule(r -> r.ruleName("iotsys_" + typeId)).rule();
      } catch (software.amazon.awssdk.services.iot.model.ResourceNotFoundException
          | software.amazon.awssdk.services.iot.model.UnauthorizedException e) {
        return Optional.of("no rule iotsys_" + typeId);
      }
      if (Boolean.TRUE.equals(rule.ruleDisabled()) || rule.actions().isEmpty()) {
        return Optional.of("rule disabled or without an action: " + rule);
      }
      for (Action action : rule.actions()) {
        Optional<String> broken = broken(iam, dynamo, timestream, action);
        if (broken.isPresent()) {
          return broken;
        }
      }
      return Optional.empty();
    }
  }

  /** What is broken on one action's path: its table, and its role's right to write there. */
  private static Optional<String> broken(
      IamClient iam, DynamoDbClient dynamo, TimestreamWriteClient timestream, Action action) {
    String roleArn;
    String resource;
    List<String> needed = new ArrayList<>();
    if (action.dynamoDBv2() != null) {
      String table = action.dynamoDBv2().putItem().tableName();
      roleArn = action.dynamoDBv2().roleArn();
      resource = "arn:aws:dynamodb:" + MotoServer.REGION + ":" + ACCOUNT + ":table/" + table;
      needed.add("dynamodb:PutItem");
      try {
        dynamo.describeTable(r -> r.tableName(table));
      } catch (ResourceNotFoundException e) {
        return Optional.of("the rule writes to DynamoDB table " + table + ", which is missing");
      }
    } else if (action.timestream() != null) {
      String database = action.timestream().databaseName();
      String table = action.timestream().tableName();
      roleArn = action.timestream().roleArn();
      resource =
          "arn:aws:timestream:"
              + MotoServer.REGION
              + ":"
              + ACCOUNT
              + ":database/"
              + database
              + "/table/"
              + table;
      needed.add("timestream:WriteRecords");
      try {
        timestream.describeTable(r -> r.databaseName(database).tableName(table));
      } catch (software.amazon.awssdk.services.timestreamwrite.model.ResourceNotFoundException e) {
        return Optional.of(
            "the rule writes to Timestream table " + database + "." + table + ", missing");
      }
      if (!allows(iam, role(roleArn), "timestream:DescribeEndpoints", "*")) {
        return Optional.of("role " + roleArn + " may not discover Timestream's endpoints");
      }
    } else {
      return Optional.of("an action of no store: " + action);
    }
    for (String write : needed) {
      if (!allows(iam, role(roleArn), write, resource)) {
        return Optional.of("role " + roleArn + " may not " + write + " on " + resource);
      }
    }
    return Optional.empty();
  }

  private static String role(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  /** Whether an inline policy of the role allows the action on the resource, by name. */
  private static boolean allows(IamClient iam, String role, String action, String resource) {
    List<String> names;
    try {
      names = iam.listRolePolicies(r -> r.roleName(role)).policyNames();
    } catch (NoSuchEntityException e) {
      return false;
    }
    for (String name : names) {
      String text = iam.getRolePolicy(r -> r.roleName(role).policyName(name)).policyDocument();
      if (text.startsWith("%")) {
        text = URLDecoder.decode(text, StandardCharsets.UTF_8);
      }
      JsonNode statements;
      try {
        statements = JSON.readTree(text).get("Statement");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      for (JsonNode s :
          statements.isArray() ? statements : JSON.createArrayNode().add(statements)) {
        if ("Allow".equals(s.path("Effect").asText())
            && values(s.get("Action")).contains(action)
            && values(s.get("Resource")).contains(resource)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<String> values(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node == null) {
      return values;
    }
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else {
      values.add(node.asText());
    }
    return values;
  }
}
