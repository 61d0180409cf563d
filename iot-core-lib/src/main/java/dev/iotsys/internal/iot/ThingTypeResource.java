package dev.iotsys.internal.iot;

import dev.iotsys.internal.engine.AwsResource;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.DescribeThingTypeResponse;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/** The IoT thing type of a sensor type. Its properties cannot change; only deprecation can. */
public final class ThingTypeResource extends AwsResource<DescribeThingTypeResponse> {
  private final IotClient iot;
  private final String name;
  private final String description;

  public ThingTypeResource(IotClient iot, String name, String description) {
    this.iot = iot;
    this.name = name;
    this.description = description;
  }

  @Override
  public String kind() {
    return "iot-thing-type";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<DescribeThingTypeResponse> read() {
    try {
      return Optional.of(iot.describeThingType(r -> r.thingTypeName(name)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> differences(DescribeThingTypeResponse actual) {
    boolean deprecated = actual.thingTypeMetadata() != null
        && Boolean.TRUE.equals(actual.thingTypeMetadata().deprecated());
    return deprecated ? List.of("deprecated") : List.of();
  }

  @Override
  public void create() {
    iot.createThingType(r -> r.thingTypeName(name)
        .thingTypeProperties(p -> p.thingTypeDescription(description)));
  }

  @Override
  public void update(DescribeThingTypeResponse actual) {
    iot.deprecateThingType(r -> r.thingTypeName(name).undoDeprecate(true));
  }
}
