package dev.iotsys.sensor.esp8266temp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import dev.iotsys.testing.RuleEngine;
import dev.iotsys.testing.TestCa;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
 * ({@link RuleEngine}, as the AWS IoT SQL reference describes it), then puts the result as the
 * dynamoDBv2 action does, one attribute per column. Nothing of it comes from iotsys's code. Still
 * not covered here: AWS IoT's own evaluation (its number types under each SQL version, which the
 * README describes), the dynamoDBv2 action's type mapping beyond numbers and strings, the role's
 * permission to write, the Timestream store (moto's Timestream never answers a query with what was
 * written), and AWS IoT's broker handing the message to the rule (Mosquitto stands in for it).
 */
@ExtendWith({MotoServer.class, MosquittoBroker.class})
class SensorTestStoredIT {
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
      Map<String, AttributeValue> item = new HashMap<>();
      RuleEngine.select(
              installed.sql(), published.topic(), published.payload(), System.currentTimeMillis())
          .forEach(
              (name, value) ->
                  item.put(
                      name,
                      value instanceof BigDecimal n
                          ? AttributeValue.fromN(n.toPlainString())
                          : AttributeValue.fromS(value.toString())));
      for (Action action : installed.actions()) {
        assertNotNull(action.dynamoDBv2(), "the rule's action: " + installed.actions());
        dynamo.putItem(r -> r.tableName(action.dynamoDBv2().putItem().tableName()).item(item));
      }

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
}
