package dev.iotsys.store.timestream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestreamQueriesTest {
  private static final List<String> TEMPERATURE = List.of("temperature");
  private static final Duration DAY = Duration.ofHours(24);

  @Test
  void readings_buildsTheExactQuery() {
    assertThat(TimestreamQueries.readings("home", "esp8266temp", TEMPERATURE, "kitchen", DAY, 100))
        .isEqualTo(
            "SELECT time, measure_name, measure_value::double AS reading_value"
                + " FROM \"home\".\"esp8266temp\""
                + " WHERE device = 'kitchen' AND measure_name IN ('temperature')"
                + " AND time > ago(24h) ORDER BY time DESC, measure_name LIMIT 100");
  }

  @Test
  void stats_buildsTheExactQuery() {
    assertThat(
            TimestreamQueries.stats(
                "home", "esp8266temp", TEMPERATURE, "kitchen", Duration.ofDays(7)))
        .isEqualTo(
            "SELECT measure_name, min(measure_value::double) AS min_value,"
                + " max(measure_value::double) AS max_value, avg(measure_value::double) AS avg_value,"
                + " count(measure_value::double) AS value_count, max(time) AS last_time"
                + " FROM \"home\".\"esp8266temp\""
                + " WHERE device = 'kitchen' AND measure_name IN ('temperature')"
                + " AND time > ago(7d) GROUP BY measure_name ORDER BY measure_name");
  }

  @Test
  void lastTimes_buildsTheExactQuery_forEveryDeviceOfTheTable() {
    assertThat(TimestreamQueries.lastTimes("home", "esp8266temp", TEMPERATURE, Duration.ofDays(30)))
        .isEqualTo(
            "SELECT device, max(time) AS last_time FROM \"home\".\"esp8266temp\""
                + " WHERE measure_name IN ('temperature') AND time > ago(30d) GROUP BY device");
  }

  @Test
  void readings_withSeveralMeasures_namesEachOnceInTheGivenOrder() {
    assertThat(
            TimestreamQueries.readings(
                "home",
                "weather",
                List.of("temperature", "humidity", "temperature"),
                "garden",
                DAY,
                5))
        .contains("measure_name IN ('temperature', 'humidity') AND");
  }

  @Test
  void readings_acceptsEveryCharacterOfTheThingNameRule() {
    assertThat(TimestreamQueries.readings("my-db.v2", "t", TEMPERATURE, "Ab:c_d-9", DAY, 1))
        .contains("FROM \"my-db.v2\".\"t\" WHERE device = 'Ab:c_d-9' AND");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"x' OR '1'='1", "x'--", "kitchen\" OR 1=1", "a b", "", "k\u00fcche", "semi;colon"})
  void readings_whenDeviceNameIsHostileOrInvalid_refusesToQuery(String device) {
    // The core rejects such a name as input before any store sees it; the store refuses anyway.
    assertThatThrownBy(() -> TimestreamQueries.readings("home", "t", TEMPERATURE, device, DAY, 10))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
        .hasMessage("Cannot query device: not a thing name");
  }

  @Test
  void stats_whenDeviceNameIsHostile_rejectsIt() {
    assertThatThrownBy(() -> TimestreamQueries.stats("home", "t", TEMPERATURE, "x' OR '1'='1", DAY))
        .isInstanceOf(IotsysException.class)
        .hasMessage("Cannot query device: not a thing name");
  }

  @Test
  void readings_whenDeviceNameIsLongerThan128_rejectsIt() {
    assertThatThrownBy(
            () -> TimestreamQueries.readings("home", "t", TEMPERATURE, "a".repeat(129), DAY, 10))
        .isInstanceOf(IotsysException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"home\".\"other", "ho", "home\"; DROP", "a/b"})
  void readings_whenDatabaseNameIsInvalid_refusesToQuery(String database) {
    assertThatThrownBy(
            () -> TimestreamQueries.readings(database, "t", TEMPERATURE, "kitchen", DAY, 10))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL))
        .hasMessageStartingWith("Cannot query database");
  }

  @ParameterizedTest
  @ValueSource(strings = {"esp\"temp", "esp-temp", "esp.temp", ""})
  void readings_whenTableNameIsNotOneIotsysMakes_refusesToQuery(String table) {
    assertThatThrownBy(
            () -> TimestreamQueries.readings("home", table, TEMPERATURE, "kitchen", DAY, 10))
        .isInstanceOf(IotsysException.class)
        .hasMessageStartingWith("Cannot query table:");
  }

  @Test
  void readings_whenAMeasureNameIsInvalid_refusesToQuery() {
    assertThatThrownBy(
            () ->
                TimestreamQueries.readings(
                    "home", "t", List.of("temperature", "x') OR ('1'='1"), "kitchen", DAY, 10))
        .isInstanceOf(IotsysException.class)
        .hasMessageStartingWith("Cannot query a measure:");
  }

  @Test
  void readings_whenNoMeasureIsNamed_refusesToQuery() {
    assertThatThrownBy(() -> TimestreamQueries.readings("home", "t", List.of(), "k", DAY, 10))
        .isInstanceOf(IotsysException.class);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void readings_whenLimitIsBelowOne_refusesToQuery(int limit) {
    assertThatThrownBy(
            () -> TimestreamQueries.readings("home", "t", TEMPERATURE, "kitchen", DAY, limit))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "PT24H:24h",
        "PT48H:2d",
        "PT30M:30m",
        "P7D:7d",
        "PT90S:90s",
        "PT36H:36h",
        "PT1H:1h"
      })
  void ago_writesWholeDaysFromTwoDaysOn_elseHoursMinutesOrSeconds(String pair) {
    String[] p = pair.split(":");
    assertThat(TimestreamQueries.ago(Duration.parse(p[0]))).isEqualTo("ago(" + p[1] + ")");
  }

  @Test
  void ago_ofAnEmptyWindow_refusesToQuery() {
    assertThatThrownBy(() -> TimestreamQueries.ago(Duration.ZERO))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INTERNAL));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 10_000})
  void readings_atTheLimitsBounds_accepts(int limit) {
    assertThat(TimestreamQueries.readings("home", "t", TEMPERATURE, "kitchen", DAY, limit))
        .endsWith(" LIMIT " + limit);
  }

  @Test
  void literal_doublesSingleQuotesSoTheValueStaysOneString() {
    assertThat(TimestreamQueries.literal("x' OR '1'='1")).isEqualTo("'x'' OR ''1''=''1'");
  }

  @Test
  void identifier_doublesDoubleQuotesSoTheNameStaysOneIdentifier() {
    assertThat(TimestreamQueries.identifier("a\".\"b")).isEqualTo("\"a\"\".\"\"b\"");
  }
}
