package dev.iotsys.store.timestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** How Timestream's refusals read: an account closed to Timestream is told what to do instead. */
class TimestreamCallsTest {
  @Test
  void call_whenItSucceeds_returnsItsValue() {
    assertThat(TimestreamCalls.call("reading", () -> 42)).isEqualTo(42);
  }

  @Test
  void call_whenAccessIsDeniedByCode_saysSoInOneLineWithAwsFirstLine() {
    AwsServiceException denied = failure(400, "AccessDeniedException", "Not allowed\nsecond line");
    assertThatThrownBy(() -> TimestreamCalls.call("creating database home", () -> throwing(denied)))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ACCESS_DENIED))
        .hasMessageStartingWith("Timestream refused access while creating database home:")
        .hasMessageContaining("--store dynamodb")
        .hasMessageEndingWith("permissions: AccessDeniedException: Not allowed)")
        .hasCause(denied);
  }

  @Test
  void call_whenHttp403WithoutDetails_namesTheStatus() {
    AwsServiceException denied = AwsServiceException.builder().statusCode(403).build();
    assertThatThrownBy(() -> TimestreamCalls.call("reading", () -> throwing(denied)))
        .isInstanceOf(IotsysException.class)
        .hasMessageEndingWith("permissions: HTTP 403)");
  }

  @Test
  void call_whenTheMessageIsBlank_namesTheCodeOnly() {
    AwsServiceException denied = failure(403, "AccessDenied", "  ");
    assertThatThrownBy(() -> TimestreamCalls.call("reading", () -> throwing(denied)))
        .hasMessageEndingWith("permissions: AccessDenied)");
  }

  @Test
  void call_whenAnotherServiceErrorOccurs_passesItOnUnchanged() {
    AwsServiceException throttled = failure(400, "ThrottlingException", "Rate exceeded");
    assertThatThrownBy(() -> TimestreamCalls.call("reading", () -> throwing(throttled)))
        .isSameAs(throttled);
  }

  @Test
  void run_whenAccessIsDenied_saysSoToo() {
    AwsServiceException denied = failure(400, "AccessDeniedException", "no");
    assertThatThrownBy(
            () ->
                TimestreamCalls.run(
                    "deleting table t",
                    () -> {
                      throw denied;
                    }))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ACCESS_DENIED));
  }

  private static Integer throwing(AwsServiceException e) {
    throw e;
  }

  private static AwsServiceException failure(int status, String code, String message) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(
            AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName("Timestream Write")
                .build())
        .build();
  }
}
