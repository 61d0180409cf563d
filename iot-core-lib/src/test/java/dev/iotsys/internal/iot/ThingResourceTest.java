package dev.iotsys.internal.iot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.withSettings;

import dev.iotsys.api.IotsysException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.DetachThingPrincipalRequest;
import software.amazon.awssdk.services.iot.model.DetachThingPrincipalResponse;
import software.amazon.awssdk.services.iot.model.ListThingPrincipalsRequest;
import software.amazon.awssdk.services.iot.model.ListThingPrincipalsResponse;

/** DetachThingPrincipal is asynchronous in AWS; moto detaches at once, so Mockito plays AWS. */
class ThingResourceTest {
  private static final String ARN = "arn:aws:iot:us-east-1:123456789012:cert/abc";

  private final IotClient iot =
      mock(IotClient.class, withSettings().defaultAnswer(CALLS_REAL_METHODS));

  private static ListThingPrincipalsResponse listing(String... principals) {
    return ListThingPrincipalsResponse.builder().principals(principals).build();
  }

  @Test
  void detach_whileAwsStillListsTheCertificate_pollsUntilItIsGone() {
    doReturn(DetachThingPrincipalResponse.builder().build())
        .when(iot)
        .detachThingPrincipal(any(DetachThingPrincipalRequest.class));
    doReturn(listing(ARN), listing(ARN), listing())
        .when(iot)
        .listThingPrincipals(any(ListThingPrincipalsRequest.class));

    new ThingResource(iot, Duration.ofMillis(1), 20).detach("kitchen", ARN);

    verify(iot, times(3)).listThingPrincipals(any(ListThingPrincipalsRequest.class));
  }

  @Test
  void detach_thatNeverPropagates_failsAfterTheBoundWithAClearMessage() {
    doReturn(DetachThingPrincipalResponse.builder().build())
        .when(iot)
        .detachThingPrincipal(any(DetachThingPrincipalRequest.class));
    doReturn(listing(ARN)).when(iot).listThingPrincipals(any(ListThingPrincipalsRequest.class));

    IotsysException e =
        assertThrows(
            IotsysException.class,
            () -> new ThingResource(iot, Duration.ofMillis(1), 5).detach("kitchen", ARN));

    assertThat(e.getMessage()).contains("still lists certificate abc on thing kitchen");
    verify(iot, times(5)).listThingPrincipals(any(ListThingPrincipalsRequest.class));
    assertEquals(
        1,
        org.mockito.Mockito.mockingDetails(iot).getInvocations().stream()
            .filter(
                i ->
                    i.getMethod().getName().equals("detachThingPrincipal")
                        && i.getArguments()[0] instanceof DetachThingPrincipalRequest)
            .count());
  }
}
