package dev.iotsys.example;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotsys.api.Iotsys;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/** The README's embedding example runs as printed, against a real moto server. */
@ExtendWith(MotoServer.class)
class EmbeddingExampleIT {

  @Test
  void example_installsAddsASensorAndReturnsItsPackage_withTheCallersOwnClient(
      MotoServer.Instance moto, @TempDir Path home) {
    try (IotClient callersIot = MotoAws.iot(moto)) {
      Iotsys.Builder settings = MotoAws.iotsys(moto).home(home).client(IotClient.class, callersIot);

      Path pkg = EmbeddingExample.installAndAddSensor(settings, "correct horse battery");

      assertEquals(home.resolve("sensor-esp8266temp/sensors/kitchen"), pkg);
      assertThat(pkg.resolve("cert.der")).isRegularFile();
      assertThat(pkg.resolve("config.json")).isRegularFile();
      // iotsys closed only the clients it built: the caller's client still works.
      assertThat(callersIot.listThings(r -> {}).things()).hasSize(1);
    }
  }

  @Test
  void readme_showsTheExampleExactlyAsCompiled() throws IOException {
    List<String> source =
        Files.readAllLines(Path.of("src/test/java/dev/iotsys/example/EmbeddingExample.java"));
    List<String> block =
        source.subList(
            source.indexOf("    // README:begin") + 1, source.indexOf("    // README:end"));
    String readme = Files.readString(Path.of("..", "README.md"));
    String expected =
        String.join("\n", block.stream().map(l -> l.replaceFirst("^    ", "")).toList());
    assertThat(readme).contains(expected);
  }
}
