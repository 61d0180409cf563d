package dev.iotsys.spi;

/** Ready-made least-privilege IoT policies for sensor types. */
public final class DevicePolicies {
  private DevicePolicies() {}

  /**
   * A policy that lets a device connect only as {@code client/<its thing name>}, only with a
   * certificate attached to that thing, and publish only to {@code <topicPrefix>/<its thing name>}.
   * The policy variables are resolved by AWS IoT per connection, so one policy serves every device
   * of a type without letting one device speak for another.
   *
   * @param account where the policy lives
   * @param topicPrefix the first topic level, normally the sensor type's id
   * @return the policy document, as JSON
   */
  public static String connectAndPublishOwnTopic(AwsAccount account, String topicPrefix) {
    String thing = "${iot:Connection.Thing.ThingName}";
    return """
        {"Version":"2012-10-17","Statement":[\
        {"Effect":"Allow","Action":"iot:Connect","Resource":"%s",\
        "Condition":{"Bool":{"iot:Connection.Thing.IsAttached":"true"}}},\
        {"Effect":"Allow","Action":"iot:Publish","Resource":"%s",\
        "Condition":{"Bool":{"iot:Connection.Thing.IsAttached":"true"}}}]}"""
        .formatted(
            account.arn("iot", "client/" + thing),
            account.arn("iot", "topic/" + topicPrefix + "/" + thing));
  }
}
