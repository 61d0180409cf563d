package dev.iotsys.stress;

import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.certificates;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.SensorsResult;
import dev.iotsys.testing.ForwardingProxy;
import dev.iotsys.testing.ForwardingProxy.Fault;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Certificate;

/**
 * Sensor commands through a proxy that answers half of all requests with an HTML page and HTTP 500,
 * as a busy proxy or load balancer does, while eight names run concurrently: every call is retried
 * as the SDK retries AWS's own 5xx, so every name finishes; and where the failed request had been
 * done (its answer lost), the retry neither issues a second certificate nor fails on what the first
 * attempt already did.
 *
 * <p>Which requests fail is drawn at random from a fixed seed, not every other one: with eight
 * names taking turns through one proxy and one moto, strict alternation can put every attempt of
 * one name on a failing turn (each name's next request is eight turns on), which no proxy does. The
 * calls get 60 s, as {@code IOTSYS_AWS_TIMEOUT} gives them on a slow link, so that a loaded
 * machine's slow turns do not end their 30 attempts early: what is tested is that the retries
 * finish the work without a second certificate, not how fast.
 */
@ExtendWith(MotoServer.class)
class UnreliableEndpointIT {
  private static final String[] NAMES =
      IntStream.rangeClosed(1, 8).mapToObj(i -> "s" + i).toArray(String[]::new);

  @TempDir Path home;

  private Iotsys through(MotoServer.Instance moto, ForwardingProxy proxy) {
    return MotoAws.iotsys(moto)
        .endpoint(proxy.endpoint())
        .callTimeout(Duration.ofSeconds(60))
        .home(home)
        .build();
  }

  /** Half of the requests, drawn from a fixed seed by the request's number. */
  private static boolean failing(int request) {
    return new SplittableRandom(SEED + request).nextBoolean();
  }

  private static final long SEED = 20261202L;

  @Test
  void sensorAddAndRemove_whenEveryOtherRequestIsRefusedWithAnHtml500_finishEveryName(
      MotoServer.Instance moto) throws Exception {
    roundTrip(moto, Fault.REFUSE);
  }

  @Test
  void sensorAddAndRemove_whenEveryOtherAnswerIsLostToAnHtml500_issueOneCertificatePerName(
      MotoServer.Instance moto) throws Exception {
    roundTrip(moto, Fault.LOSE_ANSWER);
  }

  private void roundTrip(MotoServer.Instance moto, Fault fault) throws Exception {
    install(moto, home);
    // Half of the requests it receives, over all connections, as a busy proxy fails them.
    try (ForwardingProxy proxy =
            new ForwardingProxy(
                moto.endpoint(), (headers, body) -> {}, n -> failing(n) ? fault : Fault.NONE);
        IotClient iot = MotoAws.iot(moto)) {
      SensorsResult added;
      try (Iotsys iotsys = through(moto, proxy)) {
        added = iotsys.addSensors(add(NAMES), IotsysListener.NONE);
      }
      assertThat(errors(added)).as("names that failed").isEmpty();
      assertThat(proxy.paged()).as("requests the proxy failed").isGreaterThan(NAMES.length);
      List<Certificate> issued = certificates(iot);
      assertThat(issued).as("one certificate per sensor, each ACTIVE").hasSize(NAMES.length);
      assertThat(issued).allMatch(c -> "ACTIVE".equals(c.statusAsString()));

      SensorsResult removed;
      try (Iotsys iotsys = through(moto, proxy)) {
        removed = iotsys.removeSensors(remove(NAMES), IotsysListener.NONE);
      }
      assertThat(errors(removed)).as("names that failed").isEmpty();
      assertThat(certificates(iot)).as("certificates left").isEmpty();
      assertThat(iot.listThings(r -> {}).things()).as("things left").isEmpty();
    }
  }

  private static String errors(SensorsResult result) {
    return String.join(
        "; ", result.failed().stream().map(s -> s.name() + ": " + s.error().orElse("?")).toList());
  }
}
