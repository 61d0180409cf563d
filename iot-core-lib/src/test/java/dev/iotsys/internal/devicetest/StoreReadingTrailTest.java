package dev.iotsys.internal.devicetest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading AWS IoT's error-action message, as documented in the developer guide's example. */
class StoreReadingTrailTest {
  private static final String MESSAGE =
      """
      {"ruleName": "iotsys_esp8266temp", "topic": "esp8266temp/kitchen",
       "cloudwatchTraceId": "7e146a2c-95b5-6caf-98b9-50e3969734c7", "clientId": "kitchen",
       "base64OriginalPayload": "eyJ0ZW1wZXJhdHVyZSI6IDIxLjV9",
       "failures": [
         {"failedAction": "TimestreamAction", "failedResource": "home#esp8266temp",
          "errorMessage": "Failed to write records to Timestream. The error received was 'x'"},
         {"failedAction": "S3Action", "failedResource": "bucket",
          "errorMessage": "The specified bucket does not exist"}]}""";

  @Test
  void failures_areEachFailedActionsMessage_forTheTopic() {
    assertEquals(
        List.of(
            "TimestreamAction: Failed to write records to Timestream. The error received was 'x'",
            "S3Action: The specified bucket does not exist"),
        StoreReadingTrail.failures(MESSAGE, "esp8266temp/kitchen"));
  }

  @Test
  void failures_ofAnotherTopic_orNotJson_areNone() {
    assertEquals(List.of(), StoreReadingTrail.failures(MESSAGE, "esp8266temp/garage"));
    assertEquals(List.of(), StoreReadingTrail.failures("START RequestId: 42", "x"));
    assertEquals(List.of(), StoreReadingTrail.failures("{\"topic\": ", "x"));
  }
}
