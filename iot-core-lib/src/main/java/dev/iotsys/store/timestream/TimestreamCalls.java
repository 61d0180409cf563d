package dev.iotsys.store.timestream;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Every Timestream call goes through here, for the one answer that needs Timestream's own words:
 * access denied most likely means the account is newer than the service's closing to new customers,
 * and the way out is the other store.
 */
final class TimestreamCalls {
  /** What a Timestream AccessDenied most likely means since 2025-06-20. */
  static final String CLOSED =
      "Timestream refused access while %s: Amazon Timestream for"
          + " LiveAnalytics is closed to AWS accounts that did not use it before 2025-06-20; run the"
          + " command again with --store dynamodb (otherwise the credentials lack timestream"
          + " permissions: %s)";

  private TimestreamCalls() {}

  /** Runs a call; an access denied answer becomes the sentence above, anything else goes on. */
  static <T> T call(String doing, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      if (!isAccessDenied(e)) {
        throw e;
      }
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      String detail = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
      String what =
          (code == null ? "HTTP " + e.statusCode() : code)
              + (detail == null || detail.isBlank() ? "" : ": " + firstLine(detail));
      throw new IotsysException(ErrorKind.ACCESS_DENIED, CLOSED.formatted(doing, what), e);
    }
  }

  static void run(String doing, Runnable call) {
    call(
        doing,
        () -> {
          call.run();
          return null;
        });
  }

  private static boolean isAccessDenied(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    return e.statusCode() == 403 || (code != null && code.startsWith("AccessDenied"));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
