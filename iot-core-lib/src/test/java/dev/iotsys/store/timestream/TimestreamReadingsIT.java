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
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.TimestreamQueryDesk;
import dev.iotsys.testing.TimestreamSql;
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

/**
 * Reads answers from a real moto server over the wire, and checks what each query sent means by
 * parsing it ({@link TimestreamSql}): moto cannot run it, and its canned answers are not keyed by
 * the SQL the code builds ({@link TimestreamQueryDesk}).
 */
@ExtendWith(MotoServer.class)
class TimestreamReadingsIT {
  private static final List<String> TEMPERATURE = List.of("temperature");
  private static final Duration DAY = Duration.ofHours(24);

  private TimestreamQueryDesk desk;
  private TimestreamQueryClient client;
  private TimestreamReadings readings;

  @BeforeEach
  void connect(MotoServer.Instance moto) throws IOException {
    desk = new TimestreamQueryDesk(moto);
    client = query(desk.endpoint());
    readings = new TimestreamReadings(() -> client);
  }

  @AfterEach
  void close() {
    client.close();
    desk.close();
  }

  @Test
  void readings_acrossPreloadedPages_returnsEveryRowInOrderKeepingNulls() {
    desk.answerNext(
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
  void readings_asksForTheDevicesMeasuresInTheWindow_newestFirst_upToTheLimit() {
    readings.readings(
        "home", "esp8266temp", List.of("temperature", "humidity"), "kitchen", DAY, 50);

    TimestreamSql query = desk.onlyQuery();
    assertThat(query.table()).isEqualTo("home.esp8266temp");
    assertThat(query.columns())
        .containsExactly("time", "measure_name", "measure_value::double AS reading_value");
    assertThat(query.equalTo()).isEqualTo(Map.of("device", "kitchen"));
    assertThat(query.in()).isEqualTo(Map.of("measure_name", List.of("temperature", "humidity")));
    assertThat(query.window()).isEqualTo(Duration.ofHours(24));
    assertThat(query.groupBy()).isEmpty();
    assertThat(query.orderBy()).containsExactly("time DESC", "measure_name ASC");
    assertThat(query.limit()).isEqualTo(50L);
  }

  @Test
  void stats_fromAPreloadedAnswer_summarisesEachMeasure() {
    List<String> measures = List.of("temperature", "humidity");
    Duration week = Duration.ofDays(7);
    desk.answerNext(
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

    TimestreamSql query = desk.onlyQuery();
    assertThat(query.table()).isEqualTo("home.weather");
    // The count counts values, as the average does, so a record without one is in neither.
    assertThat(query.columns())
        .containsExactly(
            "measure_name",
            "min(measure_value::double) AS min_value",
            "max(measure_value::double) AS max_value",
            "avg(measure_value::double) AS avg_value",
            "count(measure_value::double) AS value_count",
            "max(time) AS last_time");
    assertThat(query.equalTo()).isEqualTo(Map.of("device", "garden"));
    assertThat(query.in()).isEqualTo(Map.of("measure_name", measures));
    assertThat(query.window()).isEqualTo(Duration.ofDays(7));
    assertThat(query.groupBy()).containsExactly("measure_name");
    assertThat(query.limit()).isNull();
  }

  @Test
  void lastTimes_fromAPreloadedAnswer_givesEachDevicesNewestTime() {
    Duration month = Duration.ofDays(30);
    desk.answerNext(
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

    TimestreamSql query = desk.onlyQuery();
    assertThat(query.table()).isEqualTo("home.esp8266temp");
    assertThat(query.columns()).containsExactly("device", "max(time) AS last_time");
    assertThat(query.equalTo()).as("every device of the table").isEmpty();
    assertThat(query.in()).isEqualTo(Map.of("measure_name", TEMPERATURE));
    assertThat(query.window()).isEqualTo(Duration.ofDays(30));
    assertThat(query.groupBy()).containsExactly("device");
  }

  @Test
  void readings_whenTimestreamAnswersNothing_returnsNoReadings() {
    // Nothing preloaded: moto answers with no columns and no rows.
    assertThat(readings.readings("home", "esp8266temp", TEMPERATURE, "kitchen", DAY, 10)).isEmpty();
  }

  @Test
  void stats_whenTheWindowHoldsNoReadings_reportsCountZero() {
    desk.answerNext(page(null, statsColumns()));

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

  private static TimestreamQueryClient query(URI endpoint) {
    return TimestreamQueryClient.builder()
        .region(Region.of(MotoServer.REGION))
        .endpointOverride(endpoint)
        .credentialsProvider(MotoAws.CREDENTIALS)
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }
}
