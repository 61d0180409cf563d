package dev.iotsys.store.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Reading;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.RuleEngine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.TopicRule;

/**
 * Readings a board kept while offline and sent later, each with its own time, stored by the
 * installed DynamoDB rule and read back by {@code data}. moto runs no rules, so the test plays the
 * rule the account holds: {@link RuleEngine} evaluates its SQL on each message as the AWS IoT SQL
 * reference describes, and the output is put into the rule's table as dynamoDBv2 does, one
 * attribute per column. The messages are what the firmware sends (BUFFER contract: the measures,
 * then {@code ts}, then {@code dropped} when non-zero; {@code age_ms} instead of {@code ts} while
 * the board's clock is unset).
 */
@ExtendWith(MotoServer.class)
class BoardTimeIT {
  private static final String RULE = "iotsys_testhumidity";
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @TempDir java.nio.file.Path home;

  private MotoServer.Instance moto;
  private TopicRule rule;

  @BeforeEach
  void installAndMakeKitchen(MotoServer.Instance moto) {
    this.moto = moto;
    try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
      iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
    }
    try (IotClient iot = MotoAws.iot(moto)) {
      // As sensor add makes it: iotsys lists only things it marked.
      iot.createThing(
          r ->
              r.thingName("kitchen")
                  .thingTypeName("testhumidity")
                  .attributePayload(a -> a.attributes(Map.of("managedBy", "iotsys"))));
      rule = iot.getTopicRule(r -> r.ruleName(RULE)).rule();
    }
  }

  /** Now to the millisecond, as boards and AWS IoT count time. */
  private static Instant now() {
    return Instant.ofEpochMilli(System.currentTimeMillis());
  }

  /** Plays the rule on one message that arrives at {@code arrival}, as AWS IoT would. */
  private Map<String, AttributeValue> arrive(String payload, Instant arrival) throws Exception {
    Map<String, Object> out =
        RuleEngine.select(rule.sql(), "testhumidity/kitchen", payload, arrival.toEpochMilli());
    Map<String, AttributeValue> item = new HashMap<>();
    out.forEach(
        (name, value) ->
            item.put(
                name,
                value instanceof BigDecimal n
                    ? AttributeValue.fromN(n.toPlainString())
                    : AttributeValue.fromS(value.toString())));
    try (DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      // Every action of the rule puts the item: the type's table and its newest-reading one.
      rule.actions()
          .forEach(
              a ->
                  dynamo.putItem(
                      r -> r.tableName(a.dynamoDBv2().putItem().tableName()).item(item)));
    }
    return item;
  }

  private List<Reading> data(String since) {
    try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
      return iotsys.readings("kitchen", Optional.empty(), since, 1000);
    }
  }

  private static List<Instant> timesOf(List<Reading> readings, String measure) {
    return readings.stream().filter(r -> r.measure().equals(measure)).map(Reading::time).toList();
  }

  @Test
  void data_afterTwelveKeptReadingsAndANewOneArriveAtOnce_showsThemAtTheBoardsTimesNewestFirst()
      throws Exception {
    Instant sent = now().minusSeconds(2);
    Instant firstTaken = sent.minus(FIVE_MINUTES.multipliedBy(12));
    List<Instant> taken = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      Instant t = firstTaken.plus(FIVE_MINUTES.multipliedBy(i));
      taken.add(t);
      // One connection sends them all, oldest first, a few milliseconds apart.
      arrive(
          "{\"humidity\": 40."
              + i
              + ", \"temperature\": 20."
              + i
              + ", \"ts\": "
              + t.toEpochMilli()
              + "}",
          sent.plusMillis(20L * i));
    }

    List<Reading> got = data("2h");

    List<Instant> newestFirst = new ArrayList<>(taken);
    java.util.Collections.reverse(newestFirst);
    assertThat(timesOf(got, "temperature")).containsExactlyElementsOf(newestFirst);
    assertThat(got)
        .filteredOn(r -> r.measure().equals("temperature"))
        .first()
        .extracting(Reading::value)
        .isEqualTo(new BigDecimal("20.12"));
  }

  @Test
  void data_whenAReadingArrivesTwice_showsItOnce() throws Exception {
    Instant taken = now().minus(Duration.ofMinutes(30));
    String payload =
        "{\"humidity\": 41, \"temperature\": 21.5, \"ts\": " + taken.toEpochMilli() + "}";
    arrive(payload, now().minusSeconds(60));
    // QoS 1 after a lost PUBACK: the same bytes, a little later.
    arrive(payload, now().minusSeconds(50));

    assertThat(timesOf(data("2h"), "temperature")).containsExactly(taken);
  }

  @Test
  void data_whenTheBoardsTimeIsImplausible_showsTheArrivalTime() throws Exception {
    Instant arrival = now().minusSeconds(30);
    // Six minutes ahead of the rule (a clock set wrong), and 31 days old (beyond the 30 days
    // testhumidity keeps): both would be misplaced readings.
    Instant ahead = arrival.plus(Duration.ofMinutes(6));
    Instant tooOld = arrival.minus(Duration.ofDays(31));
    Map<String, AttributeValue> future =
        arrive(
            "{\"humidity\": 1, \"temperature\": 1, \"ts\": " + ahead.toEpochMilli() + "}", arrival);
    Map<String, AttributeValue> old =
        arrive(
            "{\"humidity\": 2, \"temperature\": 2, \"ts\": " + tooOld.toEpochMilli() + "}",
            arrival.plusMillis(1));

    assertThat(future.get("ts").n()).isEqualTo(Long.toString(arrival.toEpochMilli()));
    assertThat(old.get("ts").n()).isEqualTo(Long.toString(arrival.toEpochMilli() + 1));
    assertThat(timesOf(data("1h"), "temperature")).containsExactly(arrival.plusMillis(1), arrival);
  }

  @Test
  void data_whenTheBoardsTimeIsPlausibleAtTheBounds_showsTheBoardsTime() throws Exception {
    Instant arrival = now().minusSeconds(30);
    // Five minutes ahead exactly: a fast clock still taken.
    Instant ahead = arrival.plus(Duration.ofMinutes(5));
    Map<String, AttributeValue> item =
        arrive(
            "{\"humidity\": 1, \"temperature\": 1, \"ts\": " + ahead.toEpochMilli() + "}", arrival);
    // 29 days old: within what testhumidity keeps.
    Instant old = arrival.minus(Duration.ofDays(29));
    Map<String, AttributeValue> oldItem =
        arrive(
            "{\"humidity\": 2, \"temperature\": 2, \"ts\": " + old.toEpochMilli() + "}", arrival);

    assertThat(item.get("ts").n()).isEqualTo(Long.toString(ahead.toEpochMilli()));
    assertThat(oldItem.get("ts").n()).isEqualTo(Long.toString(old.toEpochMilli()));
    assertThat(timesOf(data("30d"), "temperature")).containsExactly(ahead, old);
  }

  @Test
  void data_whenTheBoardsClockWasNeverSet_datesTheReadingByItsAge() throws Exception {
    Instant arrival = now().minusSeconds(30);
    Map<String, AttributeValue> item =
        arrive("{\"humidity\": 3, \"temperature\": 3, \"age_ms\": 900000}", arrival);
    Map<String, AttributeValue> none =
        arrive("{\"humidity\": 4, \"temperature\": 4}", arrival.plusMillis(5));
    Map<String, AttributeValue> negative =
        arrive("{\"humidity\": 5, \"temperature\": 5, \"age_ms\": -1}", arrival.plusMillis(9));

    assertThat(item.get("ts").n()).isEqualTo(Long.toString(arrival.toEpochMilli() - 900_000));
    assertThat(none.get("ts").n()).isEqualTo(Long.toString(arrival.toEpochMilli() + 5));
    assertThat(negative.get("ts").n()).isEqualTo(Long.toString(arrival.toEpochMilli() + 9));
    assertThat(timesOf(data("1h"), "temperature"))
        .containsExactly(
            arrival.plusMillis(9), arrival.plusMillis(5), arrival.minus(Duration.ofMinutes(15)));
  }

  @Test
  void data_whenTheBoardDroppedReadings_showsTheCountWithTheReadingItCameWith() throws Exception {
    Instant taken = now().minus(Duration.ofMinutes(10));
    arrive(
        "{\"humidity\": 40, \"temperature\": 20, \"ts\": "
            + taken.toEpochMilli()
            + ", \"dropped\": 3}",
        now().minusSeconds(5));
    arrive(
        "{\"humidity\": 41, \"temperature\": 21, \"ts\": "
            + taken.plus(FIVE_MINUTES).toEpochMilli()
            + "}",
        now().minusSeconds(4));

    List<Reading> got = data("1h");
    assertThat(got)
        .filteredOn(r -> r.measure().equals("dropped"))
        .extracting(Reading::time, Reading::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(taken, new BigDecimal("3")));
  }

  @Test
  void fleetHealth_addsUpTheDroppedCountsOfTheLastDay() throws Exception {
    Instant taken = now().minus(Duration.ofMinutes(20));
    arrive(
        "{\"humidity\": 40, \"temperature\": 20, \"ts\": "
            + taken.toEpochMilli()
            + ", \"dropped\": 3}",
        now().minusSeconds(9));
    arrive(
        "{\"humidity\": 41, \"temperature\": 21, \"ts\": "
            + taken.plus(FIVE_MINUTES).toEpochMilli()
            + "}",
        now().minusSeconds(8));
    arrive(
        "{\"humidity\": 42, \"temperature\": 22, \"ts\": "
            + taken.plus(FIVE_MINUTES.multipliedBy(2)).toEpochMilli()
            + ", \"dropped\": 2}",
        now().minusSeconds(7));

    try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
      assertThat(iotsys.fleetHealth(IotsysListener.NONE).sensors())
          .extracting(
              dev.iotsys.api.SensorHealth::name, dev.iotsys.api.SensorHealth::droppedLast24h)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("kitchen", 5L));
    }
  }
}
