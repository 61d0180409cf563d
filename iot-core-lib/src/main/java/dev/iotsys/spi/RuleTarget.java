package dev.iotsys.spi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a sensor type's topic rule stores its readings: the SQL that shapes each message for the
 * store, and the rule actions that write it.
 *
 * @param sql the rule's SQL statement
 * @param sqlVersion the AWS IoT SQL version, {@code 2015-10-08} or {@code 2016-03-23}
 * @param actions the rule actions, each in the form of the AWS IoT API's {@code Action}, e.g.
 *     {@code {"dynamoDBv2": {"roleArn": "...", "putItem": {"tableName": "..."}}}}; values are
 *     strings, numbers, booleans, lists and maps
 */
public record RuleTarget(String sql, String sqlVersion, List<Map<String, Object>> actions) {
  /**
   * Creates a target; the list is copied.
   *
   * @param sql the rule's SQL statement
   * @param sqlVersion the AWS IoT SQL version
   * @param actions the rule actions, in the AWS IoT API's form
   */
  public RuleTarget {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(sqlVersion, "sqlVersion");
    actions = List.copyOf(actions);
  }
}
