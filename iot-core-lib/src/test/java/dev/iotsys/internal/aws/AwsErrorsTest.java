package dev.iotsys.internal.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iot.model.IotException;

class AwsErrorsTest {

  @Test
  void otherAccessDenied_saysWhatWasRefused() {
    IotException denied =
        (IotException)
            IotException.builder()
                .statusCode(403)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("AccessDeniedException")
                        .errorMessage("no")
                        .serviceName("Iot")
                        .build())
                .build();
    IotsysException e = AwsErrors.translate(denied, "creating iot-policy p");
    assertEquals(ErrorKind.ACCESS_DENIED, e.kind());
    assertEquals(
        "AWS refused access while creating iot-policy p (AccessDeniedException: no)",
        e.getMessage());
  }

  @Test
  void throttlingThatOutlastedTheRetries_hasItsOwnExitCode_andSaysToRunAgain() {
    for (IotException throttled :
        new IotException[] {
          (IotException)
              IotException.builder()
                  .statusCode(400)
                  .awsErrorDetails(
                      AwsErrorDetails.builder()
                          .errorCode("ThrottlingException")
                          .errorMessage("Rate exceeded")
                          .serviceName("Iot")
                          .build())
                  .build(),
          (IotException)
              IotException.builder()
                  .statusCode(429)
                  .awsErrorDetails(
                      AwsErrorDetails.builder()
                          .errorCode("TooManyRequestsException")
                          .errorMessage("Too Many Requests")
                          .serviceName("Iot")
                          .build())
                  .build()
        }) {
      IotsysException e = AwsErrors.translate(throttled, "issuing a certificate for kitchen");
      assertEquals(ErrorKind.THROTTLED, e.kind());
      assertEquals(9, e.exitCode());
      assertTrue(e.getMessage().contains("while issuing a certificate for kitchen"));
      assertTrue(e.getMessage().contains("run the command again"), e.getMessage());
    }
  }

  @Test
  void refusedConnection_isUnreachable() {
    SdkClientException refused =
        SdkClientException.builder()
            .message("Unable to execute HTTP request: Connection refused")
            .cause(new ConnectException("Connection refused"))
            .build();
    IotsysException e = AwsErrors.translate(refused, "identifying the AWS account");
    assertEquals(ErrorKind.UNREACHABLE, e.kind());
    assertEquals(
        "Cannot reach AWS while identifying the AWS account: ConnectException"
            + " (Connection refused)",
        e.getMessage());
  }

  @Test
  void missingCredentials_isAConfigurationError() {
    SdkClientException none =
        SdkClientException.builder()
            .message("Unable to load credentials from any of the providers in the chain")
            .build();
    IotsysException e = AwsErrors.translate(none, "identifying the AWS account");
    assertEquals(ErrorKind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().startsWith("No AWS credentials found"));
  }

  @Test
  void callTimeout_isUnreachable_andSaysHowLongTheEndpointWasGiven() {
    IotsysException e =
        AwsErrors.translate(
            software.amazon.awssdk.core.exception.ApiCallTimeoutException.create(10_000),
            "reading thing kitchen");
    assertEquals(ErrorKind.UNREACHABLE, e.kind());
    assertEquals(
        "The AWS endpoint did not answer within 10 s while reading thing kitchen"
            + " (IOTSYS_AWS_TIMEOUT sets the limit, in seconds)",
        e.getMessage());
  }

  @Test
  void unparsableAnswer_saysSomethingElseAnswered_notThatAwsIsUnreachable() {
    SdkClientException unparsable =
        SdkClientException.builder()
            .message("Unable to unmarshall response (Unexpected character ('<'))")
            .cause(new java.io.IOException("Unexpected character ('<')"))
            .build();
    IotsysException e = AwsErrors.translate(unparsable, "reading thing kitchen");
    assertEquals(ErrorKind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().startsWith("The endpoint answered"), e.getMessage());
    assertTrue(
        e.getMessage().contains("not an AWS answer, while reading thing kitchen"), e.getMessage());
    assertFalse(e.getMessage().contains("Cannot reach"), e.getMessage());
  }

  @Test
  void emptyAwsMessage_saysTheStatus_withNoDanglingReason() {
    IotException empty =
        (IotException)
            IotException.builder()
                .statusCode(500)
                .awsErrorDetails(
                    AwsErrorDetails.builder().errorMessage("").serviceName("Iot").build())
                .build();
    IotsysException e = AwsErrors.translate(empty, "reading thing kitchen");
    assertEquals(ErrorKind.INTERNAL, e.kind());
    assertEquals(
        "AWS answered HTTP 500 with no error message, while reading thing kitchen", e.getMessage());
  }
}
