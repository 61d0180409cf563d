package dev.iotsys.store.timestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.MeasureStats;
import dev.iotsys.spi.StoredReading;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamquery.model.AccessDeniedException;
import software.amazon.awssdk.services.timestreamquery.model.ColumnInfo;
import software.amazon.awssdk.services.timestreamquery.model.Datum;
import software.amazon.awssdk.services.timestreamquery.model.QueryRequest;
import software.amazon.awssdk.services.timestreamquery.model.QueryResponse;
import software.amazon.awssdk.services.timestreamquery.model.ResourceNotFoundException;
import software.amazon.awssdk.services.timestreamquery.model.Row;
import software.amazon.awssdk.services.timestreamquery.model.ScalarType;
import software.amazon.awssdk.services.timestreamquery.model.ValidationException;
import software.amazon.awssdk.services.timestreamquery.paginators.QueryIterable;

/**
 * The parsing of Timestream's answers. The client is a mock, but its paginator is the SDK's own
 * {@link QueryIterable} over the mock's {@code query}, so NextToken is followed as in production.
 */
class TimestreamReadingsTest {
  private static final List<String> TEMPERATURE = List.of("temperature");
  private static final Duration DAY = Duration.ofHours(24);
  private static final List<ColumnInfo> READING_COLUMNS =
      List.of(
          column("time", ScalarType.TIMESTAMP),
          column("measure_name", ScalarType.VARCHAR),
          column("reading_value", ScalarType.DOUBLE));
  private static final List<ColumnInfo> STATS_COLUMNS =
      List.of(
          column("measure_name", ScalarType.VARCHAR),
          column("min_value", ScalarType.DOUBLE),
          column("max_value", ScalarType.DOUBLE),
          column("avg_value", ScalarType.DOUBLE),
          column("value_count", ScalarType.BIGINT),
          column("last_time", ScalarType.TIMESTAMP));

  private final TimestreamQueryClient client = mock(TimestreamQueryClient.class);
  private final TimestreamReadings readings = new TimestreamReadings(() -> client);

  /** The pages the mock serves, by the NextToken that asks for them (null: the first page). */
  private final Map<String, QueryResponse> pages = new HashMap<>();

  private final List<QueryRequest> sent = new ArrayList<>();

  @BeforeEach
  void servePagesThroughTheSdkPaginator() {
    when(client.queryPaginator(any(QueryRequest.class)))
        .thenAnswer(call -> new QueryIterable(client, call.getArgument(0)));
    when(client.query(any(QueryRequest.class)))
        .thenAnswer(
            call -> {
              QueryRequest request = call.getArgument(0);
              sent.add(request);
              QueryResponse page = pages.get(request.nextToken());
              if (page == null) {
                throw new AssertionError("no page for NextToken " + request.nextToken());
              }
              return page;
            });
  }

  /**
   * The queries, written out by hand in Timestream's query language (Developer Guide, "Query
   * language reference": {@code measure_value::double} reads a double measure, {@code ago(24h)} is
   * now minus 24 hours), not built by the code under test.
   */
  private static final String KITCHEN_READINGS_24H_LIMIT_100 =
      "SELECT time, measure_name, measure_value::double AS reading_value"
          + " FROM \"home\".\"esp8266temp\""
          + " WHERE device = 'kitchen' AND measure_name IN ('temperature') AND time > ago(24h)"
          + " ORDER BY time DESC, measure_name LIMIT 100";

  private static final String KITCHEN_STATS_24H =
      "SELECT measure_name, min(measure_value::double) AS min_value,"
          + " max(measure_value::double) AS max_value, avg(measure_value::double) AS avg_value,"
          + " count(measure_value::double) AS value_count, max(time) AS last_time"
          + " FROM \"home\".\"t\""
          + " WHERE device = 'kitchen' AND measure_name IN ('temperature') AND time > ago(24h)"
          + " GROUP BY measure_name ORDER BY measure_name";

  @Test
  void readings_sendsTheNewestFirstQueryOfTheDevicesWindow() {
    serve(page(null, READING_COLUMNS));
    readings.readings("home", "esp8266temp", TEMPERATURE, "kitchen", DAY, 100);
    assertThat(sent)
        .extracting(QueryRequest::queryString)
        .containsExactly(KITCHEN_READINGS_24H_LIMIT_100);
  }

  @Test
  void readings_parsesTimeMeasureAndValue() {
    serve(
        page(
            null,
            READING_COLUMNS,
            row("2026-11-27 10:15:00.000000000", "temperature", "21.5"),
            row("2026-11-27 10:10:00.123456789", "temperature", "-3.25")));
    assertThat(readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100))
        .containsExactly(
            new StoredReading(Instant.parse("2026-11-27T10:15:00Z"), "temperature", d("21.5")),
            new StoredReading(
                Instant.parse("2026-11-27T10:10:00.123456789Z"), "temperature", d("-3.25")));
  }

  @Test
  void readings_readsColumnsByNameNotByPosition() {
    List<ColumnInfo> shuffled =
        List.of(
            READING_COLUMNS.get(2),
            READING_COLUMNS.get(0),
            column("extra", ScalarType.VARCHAR),
            READING_COLUMNS.get(1));
    serve(page(null, shuffled, row("19.0", "2026-11-27 10:15:00.000000000", "x", "temperature")));
    assertThat(readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100))
        .containsExactly(
            new StoredReading(Instant.parse("2026-11-27T10:15:00Z"), "temperature", d("19.0")));
  }

  @Test
  void readings_whenValueIsNull_keepsTheRowWithNullValue() {
    serve(
        page(
            null,
            READING_COLUMNS,
            row("2026-11-27 10:15:00.000000000", "temperature", null),
            row("2026-11-27 10:10:00.000000000", "temperature", "20.0")));
    assertThat(readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100))
        .extracting(StoredReading::value)
        .containsExactly(null, d("20.0"));
  }

  @Test
  void readings_whenValueIsADatumWithoutScalar_treatsItAsNull() {
    Row row =
        Row.builder()
            .data(
                Datum.builder().scalarValue("2026-11-27 10:15:00.000000000").build(),
                Datum.builder().scalarValue("temperature").build(),
                Datum.builder().build())
            .build();
    serve(QueryResponse.builder().queryId("q").columnInfo(READING_COLUMNS).rows(row).build());
    assertThat(readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100))
        .singleElement()
        .extracting(StoredReading::value)
        .isNull();
  }

  @Test
  void readings_followsNextTokenAcrossPagesKeepingTheirOrder() {
    serve(
        page(
            "t1",
            READING_COLUMNS,
            row("2026-11-27 10:20:00.000000000", "temperature", "22.0"),
            row("2026-11-27 10:15:00.000000000", "temperature", "21.0")),
        // Timestream may answer a page without rows while the query still runs.
        page("t2", READING_COLUMNS),
        page(
            null,
            READING_COLUMNS,
            row("2026-11-27 10:10:00.000000000", "temperature", null),
            row("2026-11-27 10:05:00.000000000", "temperature", "20.0")));
    List<StoredReading> got = readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100);
    assertThat(got)
        .extracting(StoredReading::time)
        .containsExactly(
            Instant.parse("2026-11-27T10:20:00Z"), Instant.parse("2026-11-27T10:15:00Z"),
            Instant.parse("2026-11-27T10:10:00Z"), Instant.parse("2026-11-27T10:05:00Z"));
    assertThat(got)
        .extracting(StoredReading::value)
        .containsExactly(d("22.0"), d("21.0"), null, d("20.0"));
    assertThat(sent).extracting(QueryRequest::nextToken).containsExactly(null, "t1", "t2");
  }

  @Test
  void readings_whenALaterPageNamesNoColumns_keepsTheEarlierNames() {
    serve(
        page("t1", READING_COLUMNS, row("2026-11-27 10:20:00.000000000", "temperature", "1")),
        page(null, List.of(), row("2026-11-27 10:15:00.000000000", "temperature", "2")));
    assertThat(readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100))
        .extracting(StoredReading::value)
        .containsExactly(d("1"), d("2"));
  }

  @Test
  void readings_whenAnswerIsEmpty_returnsNoReadings() {
    serve(page(null, READING_COLUMNS));
    assertThat(readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100)).isEmpty();
  }

  @Test
  void readings_whenAnswerNamesNoColumnsAndHasNoRows_returnsNoReadings() {
    serve(QueryResponse.builder().queryId("q").build());
    assertThat(readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100)).isEmpty();
  }

  @Test
  void readings_onceTheLimitIsReached_asksForNoFurtherPage() {
    serve(
        page(
            "t1",
            READING_COLUMNS,
            row("2026-11-27 10:20:00.000000000", "temperature", "1"),
            row("2026-11-27 10:15:00.000000000", "temperature", "2"),
            row("2026-11-27 10:10:00.000000000", "temperature", "3")),
        page(null, READING_COLUMNS, row("2026-11-27 10:05:00.000000000", "temperature", "4")));
    assertThat(readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 2))
        .extracting(StoredReading::value)
        .containsExactly(d("1"), d("2"));
    verify(client, times(1)).query(any(QueryRequest.class));
  }

  @ParameterizedTest
  @CsvSource({
    "2026-11-27 10:15:00.000000000, 2026-11-27T10:15:00Z",
    "2026-11-27 10:15:00.123, 2026-11-27T10:15:00.123Z",
    "2026-11-27 10:15:00, 2026-11-27T10:15:00Z",
    "2026-02-28 23:59:59.999999999, 2026-02-28T23:59:59.999999999Z"
  })
  void timestamp_readsTimestreamsUtcFormWithAnyFraction(String text, String expected) {
    assertThat(TimestreamReadings.timestamp(Datum.builder().scalarValue(text).build()))
        .isEqualTo(Instant.parse(expected));
  }

  @Test
  void readings_whenTimeIsUnreadable_failsAsInternal() {
    serve(page(null, READING_COLUMNS, row("yesterday", "temperature", "1")));
    assertThatThrownBy(() -> readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
        .hasMessage("Timestream answered 'yesterday' where a timestamp belongs");
  }

  @Test
  void readings_whenValueIsNotANumber_failsAsInternal() {
    serve(page(null, READING_COLUMNS, row("2026-11-27 10:15:00", "temperature", "warm")));
    assertThatThrownBy(() -> readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100))
        .hasMessage("Timestream answered 'warm' where a number belongs");
  }

  @Test
  void readings_whenAnswerLacksAColumn_namesIt() {
    serve(page(null, READING_COLUMNS.subList(0, 2), row("2026-11-27 10:15:00", "temperature")));
    assertThatThrownBy(() -> readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100))
        .hasMessageStartingWith("Timestream's answer lacks the column reading_value");
  }

  @Test
  void stats_parsesMinMaxAverageCountAndLastTime() {
    serve(
        page(
            null,
            STATS_COLUMNS,
            row("temperature", "18.5", "23.25", "20.875", "288", "2026-11-27 10:15:00.000000000")));
    assertThat(readings.stats("home", "t", TEMPERATURE, "kitchen", DAY))
        .containsExactly(
            new MeasureStats(
                "temperature",
                d("18.5"),
                d("23.25"),
                d("20.875"),
                288,
                Instant.parse("2026-11-27T10:15:00Z")));
    assertThat(sent).extracting(QueryRequest::queryString).containsExactly(KITCHEN_STATS_24H);
  }

  @Test
  void stats_whenValuesAreNull_keepsNullsAndReadsTheCount() {
    serve(
        page(
            null,
            STATS_COLUMNS,
            row("temperature", null, null, null, "0", "2026-11-27 10:15:00.000000000")));
    assertThat(readings.stats("home", "t", TEMPERATURE, "kitchen", DAY))
        .containsExactly(
            new MeasureStats(
                "temperature", null, null, null, 0, Instant.parse("2026-11-27T10:15:00Z")));
  }

  @Test
  void stats_returnsOneSummaryPerMeasureInTheGivenOrder_countZeroWhereNoneWasFound() {
    serve(
        page(
            "t1",
            STATS_COLUMNS,
            row("humidity", "40", "60", "50", "10", "2026-11-27 10:15:00.000000000")),
        page(null, STATS_COLUMNS));
    assertThat(
            readings.stats(
                "home", "t", List.of("temperature", "humidity", "pressure"), "kitchen", DAY))
        .containsExactly(
            MeasureStats.none("temperature"),
            new MeasureStats(
                "humidity", d("40"), d("60"), d("50"), 10, Instant.parse("2026-11-27T10:15:00Z")),
            MeasureStats.none("pressure"));
  }

  @Test
  void stats_whenAnswerIsEmpty_reportsCountZero() {
    serve(page(null, STATS_COLUMNS));
    assertThat(readings.stats("home", "t", TEMPERATURE, "kitchen", DAY))
        .containsExactly(new MeasureStats("temperature", null, null, null, 0, null));
  }

  @Test
  void readings_whenTableDoesNotExist_failsWithTheInstallHint() {
    failWith(
        ValidationException.builder()
            .awsErrorDetails(
                details(
                    "ValidationException", "line 1:78: Table 'home.esp8266temp' does not exist"))
            .statusCode(400)
            .build());
    assertThatThrownBy(() -> readings.readings("home", "esp8266temp", TEMPERATURE, "k", DAY, 1))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PRECONDITION))
        .hasMessage(
            "Timestream database home or its table esp8266temp does not exist:"
                + " run 'iotsys install --db home'");
  }

  @Test
  void stats_whenDatabaseDoesNotExist_failsWithTheInstallHint() {
    failWith(
        ValidationException.builder()
            .awsErrorDetails(details("ValidationException", "The database home does not exist."))
            .statusCode(400)
            .build());
    assertThatThrownBy(() -> readings.stats("home", "esp8266temp", TEMPERATURE, "k", DAY))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PRECONDITION))
        .hasMessageContaining("run 'iotsys install --db home'");
  }

  @Test
  void readings_whenResourceIsNotFound_failsWithTheInstallHint() {
    failWith(
        ResourceNotFoundException.builder()
            .awsErrorDetails(details("ResourceNotFoundException", "not found"))
            .statusCode(404)
            .build());
    assertThatThrownBy(() -> readings.readings("home", "t", TEMPERATURE, "k", DAY, 1))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PRECONDITION));
  }

  @Test
  void readings_whenTheTableHasNoSuchColumnYet_returnsNoReadings() {
    failWith(
        ValidationException.builder()
            .awsErrorDetails(
                details(
                    "ValidationException",
                    "line 1:8: Column 'measure_value::double' does not exist"))
            .statusCode(400)
            .build());
    assertThat(readings.readings("home", "t", TEMPERATURE, "k", DAY, 1)).isEmpty();
    assertThat(readings.stats("home", "t", TEMPERATURE, "k", DAY))
        .containsExactly(MeasureStats.none("temperature"));
  }

  @Test
  void readings_whenTimestreamSaysTheTableIsNotFound_failsWithTheInstallHint() {
    failWith(
        ValidationException.builder()
            .awsErrorDetails(details("ValidationException", "Table home.t not found"))
            .statusCode(400)
            .build());
    assertThatThrownBy(() -> readings.readings("home", "t", TEMPERATURE, "k", DAY, 1))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.PRECONDITION));
  }

  @Test
  void readings_whenTheValidationErrorCarriesOnlyAMessage_readsThatMessage() {
    failWith(
        ValidationException.builder()
            .message("line 1:8: Column 'measure_value::double' does not exist")
            .statusCode(400)
            .build());
    assertThat(readings.readings("home", "t", TEMPERATURE, "k", DAY, 1)).isEmpty();
  }

  @Test
  void stats_readsEveryPage_notOnlyTheFirst() {
    serve(
        page(
            "t1",
            STATS_COLUMNS,
            row("temperature", "1", "3", "2", "5", "2026-11-27 10:15:00.000000000")),
        page(null, STATS_COLUMNS, row("humidity", "40", "60", "50", "10", "2026-11-27 10:15:00")));
    assertThat(readings.stats("home", "t", List.of("temperature", "humidity"), "kitchen", DAY))
        .extracting(MeasureStats::count)
        .containsExactly(5L, 10L);
  }

  @Test
  void readings_whenARowHasFewerValuesThanColumns_failsAsInternal() {
    serve(page(null, READING_COLUMNS, row("2026-11-27 10:15:00", "temperature")));
    assertThatThrownBy(() -> readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 100))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
        .hasMessage("Timestream answered a row without a value for reading_value");
  }

  @Test
  void readings_whenAnotherValidationErrorOccurs_passesTimestreamsAnswerOn() {
    // The core turns it into one sentence (AwsErrors), as for every other store.
    failWith(
        ValidationException.builder()
            .awsErrorDetails(details("ValidationException", "line 1:1: mismatched input"))
            .statusCode(400)
            .build());
    assertThatThrownBy(() -> readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 1))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void readings_whenAccountHasNoTimestreamAccess_saysSoInOneLine() {
    failWith(
        AccessDeniedException.builder()
            .awsErrorDetails(details("AccessDeniedException", "You are not authorized"))
            .statusCode(400)
            .build());
    assertThatThrownBy(() -> readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 1))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.ACCESS_DENIED))
        .hasMessageStartingWith("Timestream refused access while querying readings of kitchen:")
        .hasMessageNotContaining("\n");
  }

  @Test
  void readings_whenTimestreamIsUnreachable_passesTheFailureOnForTheCoreToTranslate() {
    failWith(
        SdkClientException.create(
            "Unable to execute HTTP request", new ConnectException("Connection refused")));
    assertThatThrownBy(() -> readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 1))
        .isInstanceOf(SdkClientException.class);
  }

  @Test
  void readings_whenAFollowingPageFails_passesThatFailureOnToo() {
    pages.put(null, page("t1", READING_COLUMNS, row("2026-11-27 10:20:00", "temperature", "1")));
    doAnswer(
            call -> {
              QueryRequest request = call.getArgument(0);
              if (request.nextToken() == null) {
                return pages.get(null);
              }
              throw SdkClientException.create("broken", new ConnectException("Connection reset"));
            })
        .when(client)
        .query(any(QueryRequest.class));
    assertThatThrownBy(() -> readings.readings("home", "t", TEMPERATURE, "kitchen", DAY, 10))
        .isInstanceOf(SdkClientException.class);
  }

  @Test
  void readings_whenTheDeviceNameIsHostile_neverAsksTimestream() {
    TimestreamQueryClient untouched = mock(TimestreamQueryClient.class);
    TimestreamReadings reader = new TimestreamReadings(() -> untouched);
    assertThatThrownBy(() -> reader.readings("home", "t", TEMPERATURE, "x' OR '1'='1", DAY, 10))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL));
    verifyNoInteractions(untouched);
  }

  @Test
  void readings_asksTheSupplierOnlyWhenItQueries() {
    @SuppressWarnings("unchecked")
    Supplier<TimestreamQueryClient> supplier = mock(Supplier.class);
    new TimestreamReadings(supplier);
    verifyNoInteractions(supplier);
  }

  // ---- building answers -------------------------------------------------------------------

  /** Serves the pages in order: each page's NextToken asks for the next one. */
  private void serve(QueryResponse... chain) {
    String token = null;
    for (QueryResponse page : chain) {
      pages.put(token, page);
      token = page.nextToken();
    }
  }

  private void failWith(RuntimeException e) {
    doThrow(e).when(client).query(any(QueryRequest.class));
  }

  private static AwsErrorDetails details(String code, String message) {
    return AwsErrorDetails.builder()
        .errorCode(code)
        .errorMessage(message)
        .serviceName("Timestream Query")
        .build();
  }

  private static QueryResponse page(String nextToken, List<ColumnInfo> columns, Row... rows) {
    return QueryResponse.builder()
        .queryId("query-1")
        .nextToken(nextToken)
        .columnInfo(columns)
        .rows(rows)
        .build();
  }

  /** A row of scalars; null becomes Timestream's {@code NullValue: true}. */
  private static Row row(String... values) {
    return Row.builder()
        .data(
            Arrays.stream(values)
                .map(
                    v ->
                        v == null
                            ? Datum.builder().nullValue(true).build()
                            : Datum.builder().scalarValue(v).build())
                .toList())
        .build();
  }

  private static ColumnInfo column(String name, ScalarType type) {
    return ColumnInfo.builder().name(name).type(t -> t.scalarType(type)).build();
  }

  private static BigDecimal d(String exact) {
    return new BigDecimal(exact);
  }
}
