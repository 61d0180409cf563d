package dev.iotsys.store.timestream;

import static dev.iotsys.testing.MotoQueryResults.lastTimeColumns;
import static dev.iotsys.testing.MotoQueryResults.page;
import static dev.iotsys.testing.MotoQueryResults.readingColumns;
import static dev.iotsys.testing.MotoQueryResults.row;
import static dev.iotsys.testing.MotoQueryResults.statsColumns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotsys.spi.MeasureStats;
import dev.iotsys.spi.StoredReading;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoQueryResults;
import dev.iotsys.testing.MotoServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;

/** Reads answers from a real moto server over the wire ({@link MotoQueryResults}). */
@ExtendWith(MotoServer.class)
class TimestreamReadingsIT {
  private static final List<String> TEMPERATURE = List.of("temperature");
  private static final Duration DAY = Duration.ofHours(24);

  private MotoServer.Instance moto;
  private TimestreamQueryClient client;
  private TimestreamReadings readings;

  @BeforeEach
  void connect(MotoServer.Instance moto) {
    this.moto = moto;
    client = query(moto.endpoint());
    readings = new TimestreamReadings(() -> client);
  }

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void readings_acrossPreloadedPages_returnsEveryRowInOrderKeepingNulls() throws IOException {
    String sql =
        TimestreamQueries.readings("home", "esp8266temp", TEMPERATURE, "kitchen", DAY, 100);
    MotoQueryResults.preload(
        moto,
        sql,
        page(
            "p1",
            readingColumns(),
            row("2026-11-27 10:20:00.000000000", "temperature", "22.5"),
            row("2026-11-27 10:15:00.000000000", "temperature", null)),
        page("p2", readingColumns()),
        page(null, readingColumns(), row("2026-11-27 10:10:00.000000000", "temperature", "-1.25")));

    assertThat(readings.readings("home", "esp8266temp", TEMPERATURE, "kitchen", DAY, 100))
        .containsExactly(
            new StoredReading(
                Instant.parse("2026-11-27T10:20:00Z"), "temperature", new BigDecimal("22.5")),
            new StoredReading(Instant.parse("2026-11-27T10:15:00Z"), "temperature", null),
            new StoredReading(
                Instant.parse("2026-11-27T10:10:00Z"), "temperature", new BigDecimal("-1.25")));
  }

  @Test
  void stats_fromAPreloadedAnswer_summarisesEachMeasure() throws IOException {
    List<String> measures = List.of("temperature", "humidity");
    Duration week = Duration.ofDays(7);
    String sql = TimestreamQueries.stats("home", "weather", measures, "garden", week);
    MotoQueryResults.preload(
        moto,
        sql,
        page(
            "p1",
            statsColumns(),
            row("humidity", null, null, null, "0", "2026-11-27 09:00:00.000000000")),
        page(
            null,
            statsColumns(),
            row("temperature", "12.5", "24.0", "18.25", "2016", "2026-11-27 10:15:00.500000000")));

    assertThat(readings.stats("home", "weather", measures, "garden", week))
        .containsExactly(
            new MeasureStats(
                "temperature",
                new BigDecimal("12.5"),
                new BigDecimal("24.0"),
                new BigDecimal("18.25"),
                2016,
                Instant.parse("2026-11-27T10:15:00.5Z")),
            new MeasureStats(
                "humidity", null, null, null, 0, Instant.parse("2026-11-27T09:00:00Z")));
  }

  @Test
  void lastTimes_fromAPreloadedAnswer_givesEachDevicesNewestTime() throws IOException {
    Duration month = Duration.ofDays(30);
    String sql = TimestreamQueries.lastTimes("home", "esp8266temp", TEMPERATURE, month);
    MotoQueryResults.preload(
        moto,
        sql,
        page(
            "p1",
            lastTimeColumns(),
            row("kitchen", "2026-11-27 10:20:00.000000000"),
            row("attic", null)),
        page(null, lastTimeColumns(), row("garage", "2026-11-26 08:00:00.250000000")));

    assertThat(readings.lastTimes("home", "esp8266temp", TEMPERATURE, month))
        .isEqualTo(
            Map.of(
                "kitchen", Instant.parse("2026-11-27T10:20:00Z"),
                "garage", Instant.parse("2026-11-26T08:00:00.25Z")));
  }

  @Test
  void readings_whenTimestreamAnswersNothing_returnsNoReadings() {
    // Nothing preloaded: moto answers with no columns and no rows.
    assertThat(readings.readings("home", "esp8266temp", TEMPERATURE, "kitchen", DAY, 10)).isEmpty();
  }

  @Test
  void stats_whenTheWindowHoldsNoReadings_reportsCountZero() throws IOException {
    String sql = TimestreamQueries.stats("home", "esp8266temp", TEMPERATURE, "kitchen", DAY);
    MotoQueryResults.preload(moto, sql, page(null, statsColumns()));

    assertThat(readings.stats("home", "esp8266temp", TEMPERATURE, "kitchen", DAY))
        .containsExactly(MeasureStats.none("temperature"));
  }

  @Test
  void readings_whenTheEndpointIsUnreachable_passesTheNetworkFailureOn() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (TimestreamQueryClient nowhere = query(URI.create("http://127.0.0.1:" + closedPort))) {
      TimestreamReadings reader = new TimestreamReadings(() -> nowhere);
      // The core says it in one line (AwsErrors), the same for every store.
      assertThatThrownBy(() -> reader.readings("home", "t", TEMPERATURE, "kitchen", DAY, 10))
          .isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class)
          .hasRootCauseInstanceOf(java.net.ConnectException.class);
    }
  }

  // ---- moto's static query results --------------------------------------------------------

  private static TimestreamQueryClient query(URI endpoint) {
    return TimestreamQueryClient.builder()
        .region(Region.of(MotoServer.REGION))
        .endpointOverride(endpoint)
        .credentialsProvider(MotoAws.CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
