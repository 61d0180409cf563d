package dev.iotsys.internal.aws;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;

/** One AWS call made by a step or a resource, whose failure says what iotsys was doing. */
public final class AwsCall {
  private AwsCall() {}

  /** Runs an AWS call and turns an SDK failure into one sentence naming what was being done. */
  public static <T> T aws(String doing, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, doing);
    }
  }

  /** {@link #aws(String, Supplier)} for a call that returns nothing. */
  public static void aws(String doing, Runnable call) {
    aws(
        doing,
        () -> {
          call.run();
          return null;
        });
  }
}
