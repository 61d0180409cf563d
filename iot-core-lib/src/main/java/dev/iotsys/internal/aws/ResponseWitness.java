package dev.iotsys.internal.aws;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Notes what the endpoint answered to a call that then failed: the operation, the HTTP status, the
 * content type and the first bytes of the body. The SDK's own failure says neither which operation
 * it was nor, when the answer was not AWS's protocol (an HTML page, broken JSON), what came
 * instead; {@link AwsErrors} reads this note, attached to the failure as a suppressed {@link
 * Answer}, to say it in one line.
 */
final class ResponseWitness implements ExecutionInterceptor {
  /** How much of a body is kept: enough to recognise a page, never a whole document. */
  static final int BODY_START = 160;

  private static final ExecutionAttribute<byte[]> START = new ExecutionAttribute<>("iotsys.start");
  private static final ExecutionAttribute<int[]> LENGTH = new ExecutionAttribute<>("iotsys.length");

  /**
   * What the endpoint answered.
   *
   * @param operation e.g. {@code DescribeThing}
   * @param status the HTTP status, or 0 when no answer came
   * @param contentType its Content-Type, or empty
   * @param bodyStart the body's first bytes as text, or empty
   */
  record Seen(String operation, int status, String contentType, String bodyStart) {}

  /** The note attached to a failure. Not thrown: no stack trace. */
  static final class Answer extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Seen seen;

    Answer(Seen seen) {
      super("answer: " + seen, null, false, false);
      this.seen = seen;
    }

    Seen seen() {
      return seen;
    }
  }

  /**
   * An answer that ended before the length its head announced: the endpoint closed the connection
   * (moto killed while answering, a proxy that gave up). Read to its end, such an answer is short
   * JSON or none at all, which the SDK would take for an answer whose every field is empty.
   */
  static final class CutOff extends IOException {
    private static final long serialVersionUID = 1L;

    CutOff(long received, long announced) {
      super("ended after " + received + " of its " + announced + " bytes");
    }
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> body = context.responseBody();
    if (body.isEmpty()) {
      return body;
    }
    long announced =
        context
            .httpResponse()
            .firstMatchingHeader("Content-Length")
            .map(ResponseWitness::length)
            .orElse(-1L);
    byte[] start = new byte[BODY_START];
    int[] length = new int[1];
    long[] received = new long[1];
    attributes.putAttribute(START, start);
    attributes.putAttribute(LENGTH, length);
    return Optional.of(
        new FilterInputStream(body.get()) {
          @Override
          public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
              if (length[0] < start.length) {
                start[length[0]++] = (byte) b;
              }
              received[0]++;
            } else {
              requireWhole();
            }
            return b;
          }

          @Override
          public int read(byte[] buffer, int offset, int count) throws IOException {
            int n = super.read(buffer, offset, count);
            if (n > 0) {
              if (length[0] < start.length) {
                int keep = Math.min(n, start.length - length[0]);
                System.arraycopy(buffer, offset, start, length[0], keep);
                length[0] += keep;
              }
              received[0] += n;
            } else if (n < 0) {
              requireWhole();
            }
            return n;
          }

          private void requireWhole() throws CutOff {
            if (announced >= 0 && received[0] < announced) {
              throw new CutOff(received[0], announced);
            }
          }
        });
  }

  private static long length(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public Throwable modifyException(
      Context.FailedExecution context, ExecutionAttributes attributes) {
    Throwable failure = context.exception();
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    int status = context.httpResponse().map(r -> r.statusCode()).orElse(0);
    String contentType =
        context.httpResponse().flatMap(r -> r.firstMatchingHeader("Content-Type")).orElse("");
    byte[] start = attributes.getAttribute(START);
    int[] length = attributes.getAttribute(LENGTH);
    String body = start == null ? "" : new String(start, 0, length[0], StandardCharsets.UTF_8);
    failure.addSuppressed(
        new Answer(new Seen(operation == null ? "" : operation, status, contentType, body)));
    return failure;
  }

  /** The note on a failure (or its causes), when the failing call went through a witness. */
  static Optional<Seen> of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      for (Throwable s : t.getSuppressed()) {
        if (s instanceof Answer a) {
          return Optional.of(a.seen());
        }
      }
    }
    return Optional.empty();
  }
}
