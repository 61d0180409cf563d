package dev.iotsys.internal.iot;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.DescribeThingResponse;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * The IoT thing of a sensor. iotsys marks its things with the attribute {@code managedBy=iotsys}
 * (moto, unlike AWS, drops tags) so it never adopts or deletes a thing someone else made, and
 * records on it the id of the certificate {@code sensor add} activated ({@link #CERTIFICATE}), so
 * that a listing of things in pages says each sensor's certificate without a call per sensor.
 */
public final class ThingResource {
  public static final String MANAGED_BY = "managedBy";
  public static final String IOTSYS = "iotsys";

  /** The attribute naming the sensor's certificate; a record, not the truth: see {@link State}. */
  public static final String CERTIFICATE = "certificateId";

  /**
   * The attribute holding the sensor's {@code --publish-every}, so that {@code status} and {@code
   * sensor list} know from a listing how often its readings arrive; absent means 1.
   */
  public static final String PUBLISH_EVERY = "publishEvery";

  /** The most ListThings gives in one page. */
  public static final int PAGE_SIZE = 250;

  /**
   * What exists of a thing.
   *
   * @param name the thing name
   * @param typeName its thing type, or null
   * @param attributes its attributes
   */
  public record State(String name, String typeName, Map<String, String> attributes) {
    public boolean managed() {
      return IOTSYS.equals(attributes.get(MANAGED_BY));
    }

    /**
     * The certificate {@code sensor add} recorded. The thing's principals are the truth: a hand
     * edit, or an add killed between its activation and this record, can make them differ.
     */
    public Optional<String> recordedCertificate() {
      return Optional.ofNullable(attributes.get(CERTIFICATE)).filter(s -> !s.isEmpty());
    }

    /** The recorded {@code --publish-every}: 1 when absent or unreadable (a hand edit). */
    public int publishEvery() {
      String v = attributes.get(PUBLISH_EVERY);
      return v != null && v.matches("[1-9][0-9]{0,2}") ? Integer.parseInt(v) : 1;
    }
  }

  private final IotClient iot;
  private final Supplier<IotClient> patching;
  private final Duration pollInterval;
  private final int pollAttempts;

  public ThingResource(IotClient iot, Duration pollInterval, int pollAttempts) {
    this(iot, () -> iot, pollInterval, pollAttempts);
  }

  /**
   * @param patching an IoT client that can send HTTP PATCH (UpdateThing is one), made only when a
   *     record is written: it costs more to build than the plain client
   */
  public ThingResource(
      IotClient iot, Supplier<IotClient> patching, Duration pollInterval, int pollAttempts) {
    this.iot = iot;
    this.patching = patching;
    this.pollInterval = pollInterval;
    this.pollAttempts = pollAttempts;
  }

  public Optional<State> describe(String name) {
    try {
      DescribeThingResponse t = iot.describeThing(r -> r.thingName(name));
      return Optional.of(
          new State(
              t.thingName(),
              t.thingTypeName(),
              t.attributes() == null ? Map.of() : t.attributes()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  public void create(String name, String thingType) {
    iot.createThing(
        r ->
            r.thingName(name)
                .thingTypeName(thingType)
                .attributePayload(a -> a.attributes(Map.of(MANAGED_BY, IOTSYS))));
  }

  /** Records the sensor's certificate on its thing, keeping its other attributes. */
  public void record(String name, String certificateId) {
    record(name, CERTIFICATE, certificateId);
  }

  /** Records one attribute on the thing, keeping its other attributes. */
  public void record(String name, String attribute, String value) {
    patching
        .get()
        .updateThing(
            r ->
                r.thingName(name)
                    .attributePayload(a -> a.attributes(Map.of(attribute, value)).merge(true)));
  }

  /** iotsys's things, of one type or all, in pages of {@link #PAGE_SIZE}: one call a page. */
  public List<State> managed(Optional<String> typeId) {
    return iot
        .listThingsPaginator(
            r -> {
              r.attributeName(MANAGED_BY).attributeValue(IOTSYS).maxResults(PAGE_SIZE);
              typeId.ifPresent(r::thingTypeName);
            })
        .things()
        .stream()
        .map(
            t ->
                new State(
                    t.thingName(),
                    t.thingTypeName(),
                    t.attributes() == null ? Map.of() : t.attributes()))
        .toList();
  }

  /** Deletes the thing; one gone already (another run, or a retried call) is deleted. */
  public void delete(String name) {
    try {
      iot.deleteThing(r -> r.thingName(name));
    } catch (ResourceNotFoundException e) {
      // gone: what was wanted
    }
  }

  /** The certificate ARNs attached to the thing. */
  public List<String> certificates(String name) {
    return iot.listThingPrincipalsPaginator(r -> r.thingName(name)).principals().stream()
        .filter(CertificateResource::isCertificateArn)
        .toList();
  }

  public void attach(String name, String certificateArn) {
    iot.attachThingPrincipal(r -> r.thingName(name).principal(certificateArn));
  }

  /**
   * Detaches a certificate and waits until AWS no longer lists it: DetachThingPrincipal is
   * asynchronous, and a certificate still attached can be neither deleted nor its thing.
   */
  public void detach(String name, String certificateArn) {
    detachOnly(name, certificateArn);
    awaitDetached(name, certificateArn);
  }

  /** Detaches without waiting; whatever needs the detach done waits with {@link #awaitDetached}. */
  public void detachOnly(String name, String certificateArn) {
    try {
      iot.detachThingPrincipal(r -> r.thingName(name).principal(certificateArn));
    } catch (ResourceNotFoundException e) {
      // the thing or the certificate is gone: detached either way
    }
  }

  /** Waits until AWS no longer lists the certificate on the thing. */
  public void awaitDetached(String name, String certificateArn) {
    for (int attempt = 1; attempt <= pollAttempts; attempt++) {
      try {
        if (!iot.listThingPrincipalsPaginator(r -> r.thingName(name)).principals().stream()
            .toList()
            .contains(certificateArn)) {
          return;
        }
      } catch (ResourceNotFoundException e) {
        return;
      }
      sleep(pollInterval);
    }
    throw new IotsysException(
        ErrorKind.INTERNAL,
        "AWS still lists certificate "
            + CertificateResource.idOf(certificateArn)
            + " on thing "
            + name
            + " after "
            + pollInterval.multipliedBy(pollAttempts).toSeconds()
            + " s; run the command again");
  }

  /** How long {@link #detach} and other waits on AWS's propagation sleep between looks. */
  public Duration pollInterval() {
    return pollInterval;
  }

  /** How many times such a wait looks before it gives up. */
  public int pollAttempts() {
    return pollAttempts;
  }

  public static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IotsysException(ErrorKind.INTERNAL, "Interrupted while waiting for a detach", e);
    }
  }
}
