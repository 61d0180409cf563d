package dev.iotsys.internal.aws;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.internal.Names;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns SDK failures into one clear sentence with the right {@link ErrorKind}. */
public final class AwsErrors {
  private AwsErrors() {}

  /**
   * Translates a failure of an AWS call.
   *
   * @param e what the SDK threw
   * @param doing what iotsys was doing, e.g. {@code creating iot-policy iotsys-attictemp-device}
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
    if (message.contains("Profile file contained no")
        || message.contains("profile") && message.contains("not")) {
      return new IotsysException(ErrorKind.CONFIGURATION, "AWS profile problem: " + message, e);
    }
    Optional<String> timeout = timeout(e);
    if (timeout.isPresent()) {
      // An answer that began (its status came) and never ended: a trickle, not silence.
      boolean began = ResponseWitness.of(e).map(s -> s.status() > 0).orElse(false);
      return new IotsysException(
          ErrorKind.UNREACHABLE,
          "The AWS endpoint "
              + (began ? "began its answer but did not finish it" : "did not answer")
              + " within "
              + timeout.get()
              + " while "
              + doing
              + " (IOTSYS_AWS_TIMEOUT sets the limit, in"
              + " seconds)",
          e);
    }
    Optional<ResponseWitness.CutOff> cutOff = causeOf(e, ResponseWitness.CutOff.class);
    if (cutOff.isPresent()) {
      String operation =
          ResponseWitness.of(e)
              .map(ResponseWitness.Seen::operation)
              .filter(o -> !o.isEmpty())
              .map(o -> " to " + o)
              .orElse("");
      return new IotsysException(
          ErrorKind.UNREACHABLE,
          "The AWS endpoint's answer"
              + operation
              + " "
              + cutOff.get().getMessage()
              + " while "
              + doing
              + ": the connection broke; run the command again",
          e);
    }
    if (notAwsProtocol(e)) {
      return new IotsysException(ErrorKind.UNREACHABLE, notAnAwsAnswer(e, doing), e);
    }
    Throwable network = networkCause(e);
    if (network != null) {
      return new IotsysException(
          ErrorKind.UNREACHABLE, "Cannot reach AWS while " + doing + ": " + describe(network), e);
    }
    return new IotsysException(
        ErrorKind.INTERNAL, "AWS SDK failed while " + doing + ": " + firstLine(message), e);
  }

  private static IotsysException translateService(AwsServiceException e, String doing) {
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    String detail =
        e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
    Optional<ResponseWitness.Seen> seen = ResponseWitness.of(e);
    if (code == null && seen.isPresent() && !awsContentType(seen.get().contentType())) {
      return new IotsysException(ErrorKind.UNREACHABLE, notAnAwsAnswer(e, doing), e);
    }
    String reason = firstLine(detail);
    String what =
        (code == null ? "HTTP " + e.statusCode() : code) + (reason.isEmpty() ? "" : ": " + reason);
    if (isAccessDenied(e, code)) {
      return new IotsysException(
          ErrorKind.ACCESS_DENIED, "AWS refused access while " + doing + " (" + what + ")", e);
    }
    if (e.isThrottlingException()) {
      return new IotsysException(
          ErrorKind.THROTTLED,
          "AWS answered "
              + what
              + " while "
              + doing
              + ", still after the SDK's retries: run the command again in a minute (it carries on"
              + " where this one stopped)",
          e);
    }
    if (code != null && (code.equals("ExpiredToken") || code.equals("ExpiredTokenException"))) {
      return new IotsysException(
          ErrorKind.CONFIGURATION, "The AWS credentials have expired (" + what + ")", e);
    }
    if (reason.isEmpty()) {
      String operation =
          seen.map(ResponseWitness.Seen::operation)
              .filter(o -> !o.isEmpty())
              .map(o -> " to " + o)
              .orElse("");
      return new IotsysException(
          ErrorKind.INTERNAL,
          "AWS answered HTTP "
              + e.statusCode()
              + (code == null ? "" : " (" + code + ")")
              + operation
              + " with no error message, while "
              + doing,
          e);
    }
    return new IotsysException(ErrorKind.INTERNAL, "AWS answered " + what + " while " + doing, e);
  }

  private static <T extends Throwable> Optional<T> causeOf(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  /** The limit a call hit, as the SDK reports it ("... 10000 millis"), in seconds. */
  private static Optional<String> timeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
        Matcher m = MILLIS.matcher(String.valueOf(t.getMessage()));
        if (m.find()) {
          long millis = Long.parseLong(m.group(1));
          return Optional.of(millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s");
        }
        return Optional.of("the time allowed");
      }
    }
    return Optional.empty();
  }

  private static final Pattern MILLIS = Pattern.compile("(\\d+) millis");

  /** The answer could not be parsed as the protocol's JSON or XML: something else answered. */
  private static boolean notAwsProtocol(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      if (name.contains("JsonParseException")
          || name.contains("JsonProcessingException")
          || name.contains("JsonEOFException")
          || name.contains("XMLStreamException")
          || name.contains("SAXParseException")) {
        return true;
      }
      if (String.valueOf(t.getMessage()).startsWith("Unable to unmarshall")) {
        return true;
      }
    }
    return false;
  }

  private static boolean awsContentType(String contentType) {
    String c = contentType.toLowerCase(Locale.ROOT);
    return c.isEmpty() || c.contains("json") || c.contains("xml");
  }

  /** One line saying what answered in AWS's place. */
  private static String notAnAwsAnswer(Throwable e, String doing) {
    Optional<ResponseWitness.Seen> seen = ResponseWitness.of(e);
    StringBuilder b = new StringBuilder("The endpoint answered");
    seen.filter(s -> !s.operation().isEmpty())
        .ifPresent(s -> b.append(" ").append(s.operation()).append(" with"));
    seen.filter(s -> s.status() > 0).ifPresent(s -> b.append(" HTTP ").append(s.status()));
    seen.filter(s -> !s.contentType().isEmpty())
        .ifPresent(s -> b.append(" (").append(Names.printable(s.contentType())).append(")"));
    String body = seen.map(s -> s.bodyStart().strip()).orElse("");
    b.append(body.isEmpty() ? " something" : " '" + Names.printable(body) + "'");
    return b.append(" that is not an AWS answer, while ")
        .append(doing)
        .append(": check --endpoint-url (AWS_ENDPOINT_URL) and any proxy on the way")
        .toString();
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
