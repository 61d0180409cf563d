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
    DescribeThingTypeResponse deprecated = DescribeThingTypeResponse.builder()
        .thingTypeMetadata(m -> m.deprecated(true)).build();
    assertEquals(List.of("deprecated"), type.differences(deprecated));
    assertTrue(type.differences(DescribeThingTypeResponse.builder()
        .thingTypeMetadata(m -> m.deprecated(false)).build()).isEmpty());
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
}
