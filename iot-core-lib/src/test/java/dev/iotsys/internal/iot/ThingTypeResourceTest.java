package dev.iotsys.internal.iot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.DeprecateThingTypeRequest;
import software.amazon.awssdk.services.iot.model.DescribeThingTypeResponse;

class ThingTypeResourceTest {
  private final IotClient iot = mock(IotClient.class);
  private final ThingTypeResource type = new ThingTypeResource(iot, "esp8266temp", "d");

  @Test
  void differences_whenDeprecated_reportDeprecation() {
    DescribeThingTypeResponse deprecated =
        DescribeThingTypeResponse.builder().thingTypeMetadata(m -> m.deprecated(true)).build();
    assertEquals(List.of("deprecated"), type.differences(deprecated));
    assertTrue(
        type.differences(
                DescribeThingTypeResponse.builder()
                    .thingTypeMetadata(m -> m.deprecated(false))
                    .build())
            .isEmpty());
  }

  @Test
  @SuppressWarnings("unchecked")
  void update_undoesTheDeprecation() {
    type.update(DescribeThingTypeResponse.builder().build());
    ArgumentCaptor<Consumer<DeprecateThingTypeRequest.Builder>> sent =
        ArgumentCaptor.forClass(Consumer.class);
    verify(iot).deprecateThingType(sent.capture());
    DeprecateThingTypeRequest.Builder b = DeprecateThingTypeRequest.builder();
    sent.getValue().accept(b);
    assertEquals(true, b.build().undoDeprecate());
    assertEquals("esp8266temp", b.build().thingTypeName());
  }

  @Test
  @SuppressWarnings("unchecked")
  void delete_withinFiveMinutesOfDeprecation_reportsPendingWithTheTime() {
    java.time.Instant now = java.time.Instant.parse("2026-11-27T10:00:00Z");
    ThingTypeResource t =
        new ThingTypeResource(
            iot,
            "esp8266temp",
            "d",
            false,
            java.time.Clock.fixed(now, java.time.ZoneOffset.UTC),
            d -> {});
    org.mockito.Mockito.when(iot.deleteThingType(org.mockito.ArgumentMatchers.any(Consumer.class)))
        .thenThrow(
            software.amazon.awssdk.services.iot.model.InvalidRequestException.builder()
                .message("wait 5 minutes after deprecation")
                .build());
    java.util.Optional<String> pending =
        t.delete(
            DescribeThingTypeResponse.builder()
                .thingTypeMetadata(m -> m.deprecated(false))
                .build());
    assertEquals(
        java.util.Optional.of(
            "thing type esp8266temp is deprecated; AWS deletes it 5"
                + " minutes later: run the uninstall again after 10:05:00 UTC or add --wait"),
        pending);
    verify(iot).deprecateThingType(org.mockito.ArgumentMatchers.any(Consumer.class));
  }

  @Test
  @SuppressWarnings("unchecked")
  void delete_withWait_sleepsUntilAwsAllowsItThenDeletes() {
    java.time.Instant deprecatedAt = java.time.Instant.parse("2026-11-27T10:00:00Z");
    java.util.List<java.time.Duration> slept = new java.util.ArrayList<>();
    ThingTypeResource t =
        new ThingTypeResource(
            iot,
            "esp8266temp",
            "d",
            true,
            java.time.Clock.fixed(deprecatedAt.plusSeconds(60), java.time.ZoneOffset.UTC),
            slept::add);
    org.mockito.Mockito.when(iot.deleteThingType(org.mockito.ArgumentMatchers.any(Consumer.class)))
        .thenThrow(
            software.amazon.awssdk.services.iot.model.InvalidRequestException.builder()
                .message("wait")
                .build())
        .thenReturn(null);
    java.util.Optional<String> pending =
        t.delete(
            DescribeThingTypeResponse.builder()
                .thingTypeMetadata(m -> m.deprecated(true).deprecationDate(deprecatedAt))
                .build());
    assertTrue(pending.isEmpty());
    assertEquals(List.of(java.time.Duration.ofSeconds(245)), slept);
    verify(iot, org.mockito.Mockito.never())
        .deprecateThingType(org.mockito.ArgumentMatchers.any(Consumer.class));
  }
}
