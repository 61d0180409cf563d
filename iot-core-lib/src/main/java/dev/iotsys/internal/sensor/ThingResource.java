package dev.iotsys.internal.sensor;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * The IoT thing of a sensor. iotsys marks its things with the attribute {@code managedBy=iotsys}
 * (moto, unlike AWS, drops tags) so it never adopts or deletes a thing someone else made.
 */
final class ThingResource {
  static final String MANAGED_BY = "managedBy";
  static final String IOTSYS = "iotsys";

  /**
   * What exists of a thing.
   *
   * @param name the thing name
   * @param typeName its thing type, or null
   * @param attributes its attributes
   */
  record State(String name, String typeName, Map<String, String> attributes) {
    boolean managed() {
      return IOTSYS.equals(attributes.get(MANAGED_BY));
    }
  }

  private final IotClient iot;
  private final Duration pollInterval;
  private final int pollAttempts;

  ThingResource(IotClient iot, Duration pollInterval, int pollAttempts) {
    this.iot = iot;
    this.pollInterval = pollInterval;
    this.pollAttempts = pollAttempts;
  }

  Optional<State> describe(String name) {
    try {
      DescribeThingResponse t = iot.describeThing(r -> r.thingName(name));
      return Optional.of(new State(t.thingName(), t.thingTypeName(),
          t.attributes() == null ? Map.of() : t.attributes()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  void create(String name, String thingType) {
    iot.createThing(r -> r.thingName(name).thingTypeName(thingType)
        .attributePayload(a -> a.attributes(Map.of(MANAGED_BY, IOTSYS))));
  }

  void delete(String name) {
    iot.deleteThing(r -> r.thingName(name));
  }

  /** The certificate ARNs attached to the thing. */
  List<String> certificates(String name) {
    return iot.listThingPrincipalsPaginator(r -> r.thingName(name)).principals().stream()
        .filter(CertificateResource::isCertificateArn)
        .toList();
  }

  void attach(String name, String certificateArn) {
    iot.attachThingPrincipal(r -> r.thingName(name).principal(certificateArn));
  }

  /**
   * Detaches a certificate and waits until AWS no longer lists it: DetachThingPrincipal is
   * asynchronous, and a certificate still attached can be neither deleted nor its thing.
   */
  void detach(String name, String certificateArn) {
    try {
      iot.detachThingPrincipal(r -> r.thingName(name).principal(certificateArn));
    } catch (ResourceNotFoundException e) {
      return; // the thing or the certificate is gone: detached either way
    }
    for (int attempt = 1; attempt <= pollAttempts; attempt++) {
      try {
        if (!iot.listThingPrincipalsPaginator(r -> r.thingName(name)).principals().stream()
            .toList().contains(certificateArn)) {
          return;
        }
      } catch (ResourceNotFoundException e) {
        return;
      }
      sleep(pollInterval);
    }
    throw new IotsysException(ErrorKind.INTERNAL, "AWS still lists certificate "
        + CertificateResource.idOf(certificateArn) + " on thing " + name + " after "
        + pollInterval.multipliedBy(pollAttempts).toSeconds() + " s; run the command again");
  }

  /** How long {@link #detach} and other waits on AWS's propagation sleep between looks. */
  Duration pollInterval() {
    return pollInterval;
  }

  /** How many times such a wait looks before it gives up. */
  int pollAttempts() {
    return pollAttempts;
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IotsysException(ErrorKind.INTERNAL, "Interrupted while waiting for a detach", e);
    }
  }
}
