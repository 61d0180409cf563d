package dev.iotsys.sensor.esp8266temp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.SensorTestRequest;
import dev.iotsys.api.SensorTestResult;
import dev.iotsys.api.SensorTestResult.Link;
import dev.iotsys.api.SensorTestResult.LinkCheck;
import dev.iotsys.api.SensorTestResult.Verdict;
import dev.iotsys.testing.MosquittoBroker;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.TestCa;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Division;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.TopicRule;

/**
 * The {@code stored} link of {@code sensor test} against the real store code: the reading the
 * stand-in device publishes to a real broker is written into the DynamoDB table on moto as the
 * installed rule would write it, and iotsys must find it there.
 *
 * <p>moto runs no rules, so the test plays the rule engine: it reads the rule moto holds, parses
 * its SQL (JSqlParser) and evaluates the SELECT on the payload and topic the broker delivered
 * ({@link RuleEngine}), then puts the result as the dynamoDBv2 action does, one attribute per
 * column. Nothing of it comes from iotsys's code. Still not covered here: AWS IoT's own evaluation
 * (its number types under each SQL version, which the README describes), the dynamoDBv2 action's
 * type mapping beyond numbers and strings, the role's permission to write, the Timestream store
 * (moto's Timestream never answers a query with what was written), and AWS IoT's broker handing the
 * message to the rule (Mosquitto stands in for it).
 */
@ExtendWith({MotoServer.class, MosquittoBroker.class})
class SensorTestStoredIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path home;

  private MotoServer.Instance moto;

  @BeforeEach
  void installOnDynamoDbAndAddKitchen(MotoServer.Instance moto) {
    this.moto = moto;
    try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
      iotsys.install("home", "dynamodb", false, IotsysListener.NONE);
      assertTrue(
          iotsys
              .addSensors(
                  new AddSensorsRequest(
                      Esp8266TempSensorType.ID,
                      List.of("kitchen"),
                      "home-net",
                      "a secret pa$$word",
                      false,
                      false),
                  IotsysListener.NONE)
              .succeeded());
    }
  }

  @Test
  void test_whenTheRuleStoresThePublishedReading_passesTheStoredLink(
      MosquittoBroker.Instance broker) throws Exception {
    try (MosquittoBroker.Subscriber rule = broker.subscribe("esp8266temp/#");
        IotClient iot = MotoAws.iot(moto);
        DynamoDbClient dynamo = MotoAws.dynamo(moto)) {
      CompletableFuture<SensorTestResult> testing =
          CompletableFuture.supplyAsync(
              () -> {
                try (Iotsys iotsys = MotoAws.iotsys(moto).home(home).build()) {
                  return iotsys.testSensor(
                      SensorTestRequest.of("kitchen")
                          .withEndpoint(broker.endpoint())
                          .withCaFile(TestCa.shared().caPem())
                          .withWait(Duration.ofSeconds(20)),
                      IotsysListener.NONE);
                }
              });

      MosquittoBroker.Message published = rule.next(Duration.ofSeconds(20));
      assertNotNull(published, "the stand-in device published nothing");
      TopicRule installed = iot.getTopicRule(r -> r.ruleName("iotsys_esp8266temp")).rule();
      Map<String, AttributeValue> item =
          RuleEngine.select(
              installed.sql(), published.topic(), published.payload(), System.currentTimeMillis());
      Action action = installed.actions().get(0);
      assertNotNull(action.dynamoDBv2(), "the rule's action: " + installed.actions());
      dynamo.putItem(r -> r.tableName(action.dynamoDBv2().putItem().tableName()).item(item));

      SensorTestResult result = testing.get(60, TimeUnit.SECONDS);
      assertTrue(result.passed(), result.toString());
      assertEquals(Verdict.PASSED, verdict(result, Link.STORED));
      assertThat(item)
          .as("what the rule made of " + published)
          .containsEntry("device", AttributeValue.fromS("kitchen"))
          // 20.0 °C: the middle of the type's plausible 15 to 25 °C, the value sensor test sends.
          .containsEntry("temperature", AttributeValue.fromN("20.0"));
    }
  }

  private static Verdict verdict(SensorTestResult result, Link link) {
    return result.links().stream()
        .filter(l -> l.link() == link)
        .map(LinkCheck::verdict)
        .findFirst()
        .orElseThrow();
  }

  /**
   * The part of AWS IoT's SQL that a reading rule uses, evaluated as the AWS IoT SQL reference
   * describes it: a bare name is the payload's attribute, {@code topic(n)} the n-th level of the
   * topic, {@code timestamp()} the rule's processing time in epoch milliseconds, {@code floor},
   * {@code +} and {@code /} on numbers (integer division of integers). Anything else fails the
   * test, so a rule that grows beyond this is noticed rather than guessed at.
   */
  static final class RuleEngine {
    private RuleEngine() {}

    static Map<String, AttributeValue> select(
        String sql, String topic, String payload, long nowMillis) throws Exception {
      PlainSelect select = (PlainSelect) CCJSqlParserUtil.parse(sql);
      String filter = ((Table) select.getFromItem()).getFullyQualifiedName();
      assertTrue(
          matches(filter.substring(1, filter.length() - 1), topic),
          "the rule's topic filter " + filter + " takes " + topic);
      JsonNode message = JSON.readTree(payload);
      Map<String, AttributeValue> item = new HashMap<>();
      for (SelectItem<?> column : select.getSelectItems()) {
        Expression e = column.getExpression();
        String name =
            column.getAlias() != null ? column.getAlias().getName() : ((Column) e).getColumnName();
        Object value = evaluate(e, topic, message, nowMillis);
        item.put(
            name,
            value instanceof BigDecimal n
                ? AttributeValue.fromN(n.toPlainString())
                : AttributeValue.fromS((String) value));
      }
      return item;
    }

    private static Object evaluate(Expression e, String topic, JsonNode message, long now) {
      if (e instanceof Column c) {
        JsonNode v = message.get(c.getColumnName());
        assertNotNull(v, "the payload has " + c.getColumnName());
        return v.isNumber() ? v.decimalValue() : v.asText();
      }
      if (e instanceof LongValue l) {
        return BigDecimal.valueOf(l.getValue());
      }
      if (e instanceof Function f && f.getName().equals("topic")) {
        int level = Integer.parseInt(f.getParameters().get(0).toString());
        return topic.split("/")[level - 1];
      }
      if (e instanceof Function f && f.getName().equals("timestamp")) {
        return BigDecimal.valueOf(now);
      }
      if (e instanceof Function f && f.getName().equals("floor")) {
        return number(evaluate(f.getParameters().get(0), topic, message, now))
            .setScale(0, RoundingMode.FLOOR);
      }
      if (e instanceof Addition a) {
        return number(evaluate(a.getLeftExpression(), topic, message, now))
            .add(number(evaluate(a.getRightExpression(), topic, message, now)));
      }
      if (e instanceof Division d) {
        BigDecimal left = number(evaluate(d.getLeftExpression(), topic, message, now));
        BigDecimal right = number(evaluate(d.getRightExpression(), topic, message, now));
        return left.scale() <= 0 && right.scale() <= 0
            ? new BigDecimal(left.toBigInteger().divide(right.toBigInteger()))
            : left.divide(right, 10, RoundingMode.HALF_EVEN);
      }
      throw new AssertionError("a rule expression this test cannot evaluate: " + e);
    }

    private static BigDecimal number(Object v) {
      if (!(v instanceof BigDecimal n)) {
        throw new AssertionError("not a number: " + v);
      }
      return n;
    }

    /** MQTT's topic filter: {@code +} one level, {@code #} the rest. */
    private static boolean matches(String filter, String topic) {
      String[] f = filter.split("/");
      String[] t = topic.split("/");
      for (int i = 0; i < f.length; i++) {
        if (f[i].equals("#")) {
          return true;
        }
        if (i >= t.length || !f[i].equals("+") && !f[i].equals(t[i])) {
          return false;
        }
      }
      return f.length == t.length;
    }
  }
}
