package dev.iotsys.internal.sensor;

import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.RemoveSensorsRequest;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Certificate;

/** Shared setup of the sensor integration tests: an installed test type, requests, AWS views. */
public final class SensorFixtures {
  /** The test-only type of this module (no device package). */
  public static final String TYPE = "testhumidity";

  public static final String POLICY = "iotsys-testhumidity-device";
  public static final String SSID = "home wifi";

  /** Every character that broke the original's sed, and spaces. */
  public static final String PASSWORD = "p/a&s\"s\\w$o rd 1";

  private SensorFixtures() {}

  /** An iotsys on moto whose local files go to {@code home}. */
  public static Iotsys iotsys(MotoServer.Instance moto, Path home, ExecutionInterceptor... extra) {
    Iotsys.Builder builder = MotoAws.iotsys(moto).home(home);
    for (ExecutionInterceptor i : extra) {
      builder.client(ExecutionInterceptor.class, i);
    }
    return builder.build();
  }

  /** Installs every type on the class path, as {@code iotsys install} does. */
  public static void install(MotoServer.Instance moto, Path home) {
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.install("home", false, IotsysListener.NONE);
    }
  }

  public static AddSensorsRequest add(String... names) {
    return new AddSensorsRequest(TYPE, List.of(names), SSID, PASSWORD, false, false);
  }

  public static AddSensorsRequest addWithNewCertificate(String... names) {
    return new AddSensorsRequest(TYPE, List.of(names), SSID, PASSWORD, true, false);
  }

  public static AddSensorsRequest planAdd(String... names) {
    return new AddSensorsRequest(TYPE, List.of(names), SSID, PASSWORD, false, true);
  }

  public static RemoveSensorsRequest remove(String... names) {
    return new RemoveSensorsRequest(Optional.empty(), List.of(names), false, false);
  }

  /** A sensor's certificate, by id and ARN. */
  public record AddedCertificate(String id, String arn) {}

  /** Adds one sensor and returns its certificate, for a test that then edits it by hand. */
  public static AddedCertificate addOne(Iotsys iotsys, IotClient iot, String name) {
    String id =
        iotsys
            .addSensors(add(name), IotsysListener.NONE)
            .sensors()
            .get(0)
            .certificateId()
            .orElseThrow();
    return new AddedCertificate(
        id,
        iot.describeCertificate(r -> r.certificateId(id))
            .certificateDescription()
            .certificateArn());
  }

  public static List<Certificate> certificates(IotClient iot) {
    return iot.listCertificatesPaginator(r -> {}).certificates().stream().toList();
  }

  public static long activeCertificates(IotClient iot) {
    return certificates(iot).stream().filter(c -> "ACTIVE".equals(c.statusAsString())).count();
  }

  /** The operations called between two snapshots of {@link Iotsys#apiCallsByOperation()}. */
  public static Map<String, Long> callsSince(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> diff = new HashMap<>();
    after.forEach(
        (op, n) -> {
          long d = n - before.getOrDefault(op, 0L);
          if (d > 0) {
            diff.put(op, d);
          }
        });
    return diff;
  }

  /** Whether an operation may change the account. */
  public static boolean mutating(String serviceOperation) {
    String op = serviceOperation.substring(serviceOperation.indexOf(':') + 1);
    return !op.matches("(Describe|Get|List).*");
  }
}
