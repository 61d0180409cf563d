package dev.iotsys.internal.aws;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into one clear sentence with the right {@link ErrorKind}. */
public final class AwsErrors {
  private AwsErrors() {}

  /**
   * Translates a failure of an AWS call.
   *
   * @param e what the SDK threw
   * @param doing what iotsys was doing, e.g. {@code creating iot-policy iotsys-esp8266temp-device}
   */
  public static IotsysException translate(SdkException e, String doing) {
    if (e instanceof AwsServiceException service) {
      return translateService(service, doing);
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("Unable to load credentials")) {
      return new IotsysException(
          ErrorKind.CONFIGURATION,
          "No AWS credentials found: set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and"
              + " AWS_SECRET_ACCESS_KEY",
          e);
    }
    if (message.contains("Unable to load region")) {
      return new IotsysException(
          ErrorKind.CONFIGURATION, "No AWS region: pass --region or set AWS_REGION", e);
    }
    if (message.contains("Profile file contained no") || message.contains("profile")
        && message.contains("not")) {
      return new IotsysException(ErrorKind.CONFIGURATION, "AWS profile problem: " + message, e);
    }
    Throwable network = networkCause(e);
    if (network != null) {
      return new IotsysException(
          ErrorKind.UNREACHABLE,
          "Cannot reach AWS while " + doing + ": " + describe(network),
          e);
    }
    return new IotsysException(
        ErrorKind.INTERNAL, "AWS SDK failed while " + doing + ": " + firstLine(message), e);
  }

  private static IotsysException translateService(AwsServiceException e, String doing) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String detail = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    String what = (code == null ? "HTTP " + e.statusCode() : code) + ": " + firstLine(detail);
    if (isAccessDenied(e, code)) {
      return new IotsysException(
          ErrorKind.ACCESS_DENIED, "AWS refused access while " + doing + " (" + what + ")", e);
    }
    if (e.isThrottlingException()) {
      return new IotsysException(ErrorKind.THROTTLED, "AWS answered " + what + " while " + doing
          + ", still after the SDK's retries: run the command again in a minute (it carries on"
          + " where this one stopped)", e);
    }
    if (code != null && (code.equals("ExpiredToken") || code.equals("ExpiredTokenException"))) {
      return new IotsysException(
          ErrorKind.CONFIGURATION, "The AWS credentials have expired (" + what + ")", e);
    }
    return new IotsysException(
        ErrorKind.INTERNAL, "AWS answered " + what + " while " + doing, e);
  }

  private static boolean isAccessDenied(AwsServiceException e, String code) {
    if (e.statusCode() == 403) {
      return true;
    }
    return code != null
        && (code.startsWith("AccessDenied")
            || code.equals("UnrecognizedClientException")
            || code.equals("InvalidClientTokenId")
            || code.equals("UnauthorizedOperation"));
  }

  private static Throwable networkCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof SocketTimeoutException
          || t instanceof SocketException) {
        return t;
      }
      // Any I/O failure while talking HTTP: the endpoint closed, reset or broke the exchange.
      if (t instanceof IOException) {
        return t;
      }
    }
    return null;
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    String kind = t instanceof UnknownHostException ? "unknown host" : t.getClass().getSimpleName();
    return m == null ? kind : kind + " (" + firstLine(m) + ")";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
