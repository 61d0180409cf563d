package {{package}};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.spi.DeviceConnection;
import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageReader;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import dev.iotsys.testing.DeviceCredentials;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What iotsys relies on: the type is found, its package is written and read back as the board reads it. */
class {{Name}}SensorTypeTest {
  @TempDir Path home;

  private final {{Name}}SensorType type = new {{Name}}SensorType();

  @Test
  void serviceLoader_findsTheType() {
    assertTrue(
        ServiceLoader.load(SensorType.class).stream()
            .anyMatch(p -> p.type() == {{Name}}SensorType.class));
  }

  @Test
  void measures_areTheDeclaredOnes_withTheirRanges() {
    assertEquals(
        List.of({{measureNames}}), type.measures().stream().map(Measure::name).toList());
    for (Measure m : type.measures()) {
      assertTrue(m.low().compareTo(m.high()) < 0, m.name());
    }
  }

  @Test
  void writtenPackage_isReadBack_withTheKeyTheCertificateAndTheTopic() throws Exception {
    DevicePackageWriter writer = type.devicePackageWriter().orElseThrow();
    DevicePackageReader reader = type.devicePackageReader().orElseThrow();
    DeviceCredentials device = DeviceCredentials.make("bed1", type.keyAlgorithms().get(0));
    Path folder = home.resolve("sensor-{{id}}/sensors/bed1");
    DevicePackage p =
        new DevicePackage(
            "bed1",
            "abc-ats.iot.eu-west-1.amazonaws.com",
            8883,
            "{{id}}/bed1",
            "my ssid",
            "a \"password\"",
            List.of(device.certificate()),
            device.privateKey(),
            folder,
            Map.of(),
            false);
    assertFalse(writer.isComplete(folder));

    assertTrue(writer.write(p).changed());

    assertTrue(writer.isComplete(folder));
    DeviceConnection read = reader.read(folder);
    assertEquals(List.of(device.certificate()), read.certificateChain());
    assertEquals(device.privateKey(), read.privateKey());
    assertEquals("{{id}}/bed1", read.topic());
    assertEquals("bed1", read.clientId());
  }

  @Test
  void payload_isTheFirmwaresMessage() {
    Map<String, BigDecimal> values = new LinkedHashMap<>();
{{payloadValues}}
    assertEquals(
        "{{payloadExampleEscaped}}",
        new String(type.devicePackageReader().orElseThrow().payload(values), StandardCharsets.UTF_8));
  }
}
