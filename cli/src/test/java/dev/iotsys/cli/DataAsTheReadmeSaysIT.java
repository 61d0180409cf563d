package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleWrites;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code iotsys data} does what the README says of it: {@code --chart} into a pipe or a file gets
 * the plain table; a {@code --since} window far too long gets the range message; the average of
 * {@code --stats} is rounded alike in text, CSV and JSON.
 */
@ExtendWith(MotoServer.class)
class DataAsTheReadmeSaysIT {
  private static final String TABLE = "iotsys.home.esp8266temp";
  private static final long RETENTION = 365L * 86_400;

  @TempDir Path home;

  private MotoServer.Instance moto;

  @BeforeEach
  void threeReadings(MotoServer.Instance moto) {
    this.moto = moto;
    assertEquals(0, run("install", "--db", "home", "--store", "dynamodb").exitCode());
    try (IotClient iot = MotoAws.iot(moto);
        DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      iot.createThing(
          r ->
              r.thingName("kitchen")
                  .thingTypeName("esp8266temp")
                  .attributePayload(a -> a.attributes(Map.of("managedBy", "iotsys"))));
      Instant now = Instant.now();
      String[] values = {"21.5", "22.0", "22.25"};
      for (int i = 0; i < values.length; i++) {
        RuleWrites.reading(
            dynamo,
            TABLE,
            "kitchen",
            now.minus(Duration.ofMinutes(5L * (i + 1))),
            Map.of("temperature", values[i]),
            RETENTION);
      }
    }
  }

  private CliRun run(String... args) {
    return CliRun.againstMoto(moto, home, Map.of(), args);
  }

  @Test
  void chart_intoAPipeOrAFile_getsThePlainTable() {
    CliRun chart = run("data", "kitchen", "--chart");
    CliRun table = run("data", "kitchen");
    assertEquals(0, chart.exitCode(), chart.err());
    assertEquals(table.out(), chart.out());
    assertThat(chart.out()).contains("22.25").doesNotContain("┤");
  }

  @Test
  void since_farTooLong_getsTheRangeMessage() {
    CliRun run = run("data", "kitchen", "--since", "99999999999d");
    assertEquals(2, run.exitCode());
    assertEquals(
        "iotsys: Invalid --since '99999999999d': use a window from 1 minute (1m) to 3650 days"
            + " (3650d)\n",
        run.err());
  }

  @Test
  void stats_average_isRoundedAlikeInEveryOutput() throws Exception {
    // (21.5 + 22.0 + 22.25) / 3 = 21.91666...
    assertThat(run("data", "kitchen", "--stats").out()).contains(" 21.92 ");
    assertThat(run("data", "kitchen", "--stats", "--output", "csv").out())
        .contains("temperature,21.5,22.25,21.92,3,");
    assertEquals(
        "21.92",
        new ObjectMapper()
            .readTree(run("data", "kitchen", "--stats", "--output", "json").out())
            .at("/stats/0/average")
            .toString());
  }
}
