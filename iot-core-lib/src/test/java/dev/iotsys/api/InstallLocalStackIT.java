package dev.iotsys.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The opt-in path for users with Docker and a LocalStack licence (IoT needs a paid plan, Timestream
 * the top one): {@code mvn verify -Plocalstack} with {@code LOCALSTACK_AUTH_TOKEN} set. It is not
 * part of the default build, and when asked for without Docker or a token it fails rather than
 * passing without having run.
 */
class InstallLocalStackIT {

  @Test
  void install_onLocalStack_convergesAndTheSecondRunWritesNothing() {
    String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("-Plocalstack needs LOCALSTACK_AUTH_TOKEN");
    }
    try (LocalStackContainer localstack =
        new LocalStackContainer(
                DockerImageName.parse("localstack/localstack-pro:latest")
                    .asCompatibleSubstituteFor("localstack/localstack"))
            .withEnv("LOCALSTACK_AUTH_TOKEN", token)) {
      localstack.start();
      try (Iotsys iotsys =
          Iotsys.builder()
              .region(localstack.getRegion())
              .endpoint(URI.create(localstack.getEndpoint().toString()))
              .credentials(localstack.getAccessKey(), localstack.getSecretKey())
              .build()) {
        InstallResult first = iotsys.install("home", false, IotsysListener.NONE);
        assertTrue(first.resources().stream().allMatch(r -> r.outcome() == Outcome.CREATED));
        InstallResult second = iotsys.install("home", false, IotsysListener.NONE);
        assertEquals(0, second.apiCalls().write());
      }
    }
  }
}
