package dev.iotsys.spi;

/**
 * The account and region resources are created in, for building ARNs.
 *
 * @param partition the ARN partition, e.g. {@code aws}
 * @param region the region, e.g. {@code eu-west-1}
 * @param accountId the 12-digit account id
 */
public record AwsAccount(String partition, String region, String accountId) {

  /**
   * An ARN in this account and region.
   *
   * @param service the service part, e.g. {@code iot}
   * @param resource the resource part, e.g. {@code client/kitchen}
   * @return the ARN, e.g. {@code arn:aws:iot:eu-west-1:123456789012:client/kitchen}
   */
  public String arn(String service, String resource) {
    return "arn:" + partition + ":" + service + ":" + region + ":" + accountId + ":" + resource;
  }
}
