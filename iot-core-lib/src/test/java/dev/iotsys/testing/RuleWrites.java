package dev.iotsys.testing;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Writes readings into a DynamoDB store's table the way its topic rule would. moto stores topic
 * rules but never runs them (nor does any MQTT message reach it), so a test that reads readings
 * back puts them in itself: one item per reading, shaped exactly as the rule's SQL {@code SELECT
 * <measures>, topic(2) AS device, timestamp() AS ts, floor(timestamp() / 1000) + <retention
 * seconds> AS expires} makes it, which the dynamoDBv2 action writes attribute for attribute. The
 * rule's second action puts the same item into the table's companion {@code <table>-newest}, keyed
 * by the device alone, where it replaces the device's previous one: boards send readings in the
 * order they took them, so a test that writes them in another order gets there what that arrival
 * would have left, the newest. The attribute and table names are written out here, not taken from
 * the code under test; DynamoDbStoreIT checks that the installed rule says the same.
 */
public final class RuleWrites {
  private RuleWrites() {}

  /**
   * One reading as the rule writes it.
   *
   * @param measures measure name to the number as the device sent it, e.g. {@code "21.5"}
   * @param retentionSeconds the type's retention, which the rule adds to the time for the expiry
   */
  public static void reading(
      DynamoDbClient dynamo,
      String table,
      String device,
      Instant time,
      Map<String, String> measures,
      long retentionSeconds) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("device", AttributeValue.fromS(device));
    item.put("ts", AttributeValue.fromN(Long.toString(time.toEpochMilli())));
    item.put(
        "expires", AttributeValue.fromN(Long.toString(time.getEpochSecond() + retentionSeconds)));
    measures.forEach((name, value) -> item.put(name, AttributeValue.fromN(value)));
    dynamo.putItem(r -> r.tableName(table).item(item));
    newest(dynamo, table, item);
  }

  /** The rule's second action: the item replaces the device's in the companion, if newer. */
  private static void newest(
      DynamoDbClient dynamo, String table, Map<String, AttributeValue> item) {
    String companion = table + "-newest";
    try {
      Map<String, AttributeValue> kept =
          dynamo
              .getItem(r -> r.tableName(companion).key(Map.of("device", item.get("device"))))
              .item();
      if (kept != null
          && kept.containsKey("ts")
          && Long.parseLong(kept.get("ts").n()) > Long.parseLong(item.get("ts").n())) {
        return;
      }
      dynamo.putItem(r -> r.tableName(companion).item(item));
    } catch (ResourceNotFoundException e) {
      // A table the test made itself, without the companion install makes.
    }
  }

  /**
   * Many readings of one device as the rule writes them, item for item as {@link #reading} does, 25
   * to a BatchWriteItem: moto serves one request at a time, and a test of a long window needs
   * thousands.
   *
   * @param readings each reading's time and its measures, as {@link #reading} takes them
   */
  public static void readings(
      DynamoDbClient dynamo,
      String table,
      String device,
      Map<Instant, Map<String, String>> readings,
      long retentionSeconds) {
    java.util.List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch =
        new java.util.ArrayList<>();
    Map<String, AttributeValue> newest = null;
    for (Map.Entry<Instant, Map<String, String>> r : readings.entrySet()) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("device", AttributeValue.fromS(device));
      item.put("ts", AttributeValue.fromN(Long.toString(r.getKey().toEpochMilli())));
      item.put(
          "expires",
          AttributeValue.fromN(Long.toString(r.getKey().getEpochSecond() + retentionSeconds)));
      r.getValue().forEach((name, value) -> item.put(name, AttributeValue.fromN(value)));
      if (newest == null
          || Long.parseLong(newest.get("ts").n()) < Long.parseLong(item.get("ts").n())) {
        newest = item;
      }
      batch.add(
          software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
              .putRequest(p -> p.item(item))
              .build());
      if (batch.size() == 25) {
        write(dynamo, table, batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      write(dynamo, table, batch);
    }
    if (newest != null) {
      newest(dynamo, table, newest);
    }
  }

  private static void write(
      DynamoDbClient dynamo,
      String table,
      java.util.List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch) {
    var left = dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, batch))).unprocessedItems();
    if (!left.isEmpty()) {
      throw new IllegalStateException("DynamoDB left items unwritten: " + left);
    }
  }

  /** An item with a given expiry (epoch seconds), as a reading that has outlived its retention. */
  public static void expiring(
      DynamoDbClient dynamo,
      String table,
      String device,
      Instant time,
      Map<String, String> measures,
      long expiresEpochSeconds) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("device", AttributeValue.fromS(device));
    item.put("ts", AttributeValue.fromN(Long.toString(time.toEpochMilli())));
    item.put("expires", AttributeValue.fromN(Long.toString(expiresEpochSeconds)));
    measures.forEach((name, value) -> item.put(name, AttributeValue.fromN(value)));
    dynamo.putItem(r -> r.tableName(table).item(item));
    newest(dynamo, table, item);
  }
}
