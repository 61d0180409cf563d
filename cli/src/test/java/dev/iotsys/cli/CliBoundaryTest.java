package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The CLI is built on the public API only, so the two cannot drift. */
class CliBoundaryTest {

  @Test
  void cliSources_importNothingFromTheCoreInternalsOrTheSensorModules() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(sources).isNotEmpty();
    for (Path source : sources) {
      assertThat(Files.readString(source))
          .as(source.toString())
          .doesNotContain("dev.iotsys.internal")
          .doesNotContain("dev.iotsys.sensor.");
    }
  }
}
