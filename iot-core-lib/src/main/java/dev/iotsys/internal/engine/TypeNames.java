package dev.iotsys.internal.engine;

/**
 * The AWS names of everything iotsys creates for one sensor type. They derive from the type's id
 * alone, so every run finds what an earlier run made (documented in the README, "Resources").
 *
 * @param typeId the sensor type's id
 */
public record TypeNames(String typeId) {
  /** The IoT thing type: the id itself. */
  public String thingType() {
    return typeId;
  }

  /** The IoT policy every device certificate of the type gets. */
  public String devicePolicy() {
    return "iotsys-" + typeId + "-device";
  }

  /** The IAM role the topic rule assumes. */
  public String ruleRole() {
    return "iotsys-" + typeId + "-rule";
  }

  /** The role's inline policy. */
  public String ruleRolePolicy() {
    return "iotsys-" + typeId + "-rule-access";
  }

  /** The CloudWatch Logs group the rule's error action writes to. */
  public String errorLogGroup() {
    return "/iotsys/" + typeId + "/rule-errors";
  }

  /** The topic rule (rule names allow only letters, digits and underscores). */
  public String topicRule() {
    return "iotsys_" + typeId;
  }
}
