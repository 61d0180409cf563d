package dev.iotsys.internal.aws;

import dev.iotsys.api.ApiCalls;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts API calls as the SDK executes them (one per call, however many retries it takes), split
 * into reads and writes by the operation's verb.
 */
public final class ApiCallCounter implements ExecutionInterceptor {
  private final Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    byOperation.computeIfAbsent(service + ":" + operation, k -> new AtomicLong()).incrementAndGet();
  }

  /** Whether an operation only reads: Describe*, Get*, List*, and the stores' Query and Scan. */
  public static boolean isRead(String operation) {
    return operation.startsWith("Describe")
        || operation.startsWith("Get")
        || operation.startsWith("List")
        || operation.equals("Query")
        || operation.equals("Scan");
  }

  /** The totals so far. */
  public ApiCalls totals() {
    long read = 0;
    long write = 0;
    for (Map.Entry<String, AtomicLong> e : byOperation.entrySet()) {
      String operation = e.getKey().substring(e.getKey().indexOf(':') + 1);
      if (isRead(operation)) {
        read += e.getValue().get();
      } else {
        write += e.getValue().get();
      }
    }
    return new ApiCalls(read, write, byOperation());
  }

  /** Calls so far per {@code Service:Operation}, sorted by name. */
  public Map<String, Long> byOperation() {
    Map<String, Long> copy = new TreeMap<>();
    byOperation.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  /** The calls made since an earlier snapshot of {@link #totals()}. */
  public ApiCalls since(ApiCalls before) {
    ApiCalls now = totals();
    Map<String, Long> calls = new TreeMap<>();
    now.byOperation()
        .forEach(
            (operation, n) -> {
              long made = n - before.byOperation().getOrDefault(operation, 0L);
              if (made > 0) {
                calls.put(operation, made);
              }
            });
    return new ApiCalls(now.read() - before.read(), now.write() - before.write(), calls);
  }
}
