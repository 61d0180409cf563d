package dev.iotsys.api;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many AWS API calls a command made, counted by the SDK itself.
 *
 * @param read calls that only read (Describe*, Get*, List*, Query, Scan)
 * @param write calls that may change the account
 * @param byOperation the calls per {@code Service:Operation}, e.g. {@code DynamoDB:Query}, sorted
 */
public record ApiCalls(long read, long write, Map<String, Long> byOperation) {
  /**
   * Creates a count; the map is copied, sorted by name.
   *
   * @param read calls that only read
   * @param write calls that may change the account
   * @param byOperation the calls per {@code Service:Operation}
   */
  public ApiCalls {
    byOperation = Collections.unmodifiableMap(new TreeMap<>(byOperation));
  }

  /**
   * A count without the split by operation.
   *
   * @param read calls that only read
   * @param write calls that may change the account
   */
  public ApiCalls(long read, long write) {
    this(read, write, Map.of());
  }

  /**
   * This count and another, added.
   *
   * @param other calls made besides these
   * @return the sum, operation by operation
   */
  public ApiCalls plus(ApiCalls other) {
    Map<String, Long> calls = new TreeMap<>(byOperation);
    other.byOperation().forEach((operation, n) -> calls.merge(operation, n, Long::sum));
    return new ApiCalls(read + other.read(), write + other.write(), calls);
  }
}
