package dev.iotsys.spi;

/**
 * What iotsys hands a plugin to reach AWS: SDK clients configured as every client of the command is
 * (region, credentials, endpoint, timeouts, call counting, rate limits), and the account.
 */
public interface AwsServices {
  /**
   * An AWS SDK for Java v2 synchronous client, e.g. {@code DynamoDbClient.class}: the caller's own
   * when it gave one, else one iotsys builds on first use and closes with the command.
   *
   * @param <T> the client type
   * @param clientType the client interface, which has a static {@code builder()}
   * @return the client; the same instance for every call of one command
   */
  <T> T client(Class<T> clientType);

  /**
   * The account and region the command works in (one STS call, on first use).
   *
   * @return the account
   */
  AwsAccount account();
}
