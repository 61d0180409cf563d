package dev.iotsys.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The launcher's Query on a table's own key reads only the hash key's partition (a cost correction,
 * see moto_server.py): every page it answers must be the page moto as it ships answers. The same
 * tables and items are written into the launcher's moto and into a plain one, and the same queries,
 * page after page, go to both. Several partitions hold the same sort keys, so a page of the wrong
 * partition would look right by its keys alone.
 */
@ExtendWith(MotoServer.class)
class MotoPartitionQueryIT {
  private static final String READINGS = "readings";
  private static final String BY_KIND = "byKind";
  private static final String NAMES = "names";
  private static final List<String> DEVICES =
      List.of("attic", "cellar", "kitchen", "kitchen2", "porch", "zz-shed");
  private static final int PER_DEVICE = 25;
  private static final long T0 = 1_764_590_400_000L;
  private static final long STEP = 300_000L;

  private static MotoServer.Instance plain;
  private static DynamoDbClient reference;

  private DynamoDbClient launched;

  @BeforeAll
  static void startPlainMoto() {
    plain = MotoServer.Instance.plain();
    reference = MotoAws.dynamo(plain);
  }

  @AfterAll
  static void stopPlainMoto() {
    if (reference != null) {
      reference.close();
    }
    if (plain != null) {
      plain.close();
    }
  }

  @BeforeEach
  void writeTheSameItemsIntoBoth(MotoServer.Instance moto) throws Exception {
    plain.reset();
    launched = MotoAws.dynamo(moto);
    for (DynamoDbClient dynamo : List.of(launched, reference)) {
      createTables(dynamo);
      List<WriteRequest> batch = new ArrayList<>();
      for (int d = 0; d < DEVICES.size(); d++) {
        for (int i = 0; i < PER_DEVICE; i++) {
          Map<String, AttributeValue> item = item(d, i);
          batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
          if (batch.size() == 25) {
            write(dynamo, batch);
          }
        }
      }
      write(dynamo, batch);
      for (String device : DEVICES) {
        dynamo.putItem(
            r ->
                r.tableName(NAMES)
                    .item(
                        Map.of(
                            "name", AttributeValue.fromS(device),
                            "room", AttributeValue.fromS("room of " + device))));
      }
    }
  }

  @AfterEach
  void closeClient() {
    launched.close();
  }

  /** A Query's expressions; null for an expression it does not have. */
  private record Shape(String key, String filter, String projection) {
    QueryRequest.Builder request(String device) {
      String used = key + " " + filter + " " + projection;
      Map<String, String> names = new HashMap<>();
      Map.of("#d", "device", "#t", "ts", "#e", "expires")
          .forEach((name, attribute) -> put(names, used, name, attribute));
      Map<String, AttributeValue> values = new HashMap<>();
      Map.of(
              ":d", AttributeValue.fromS(device),
              ":from", AttributeValue.fromN(Long.toString(T0 + 3 * STEP)),
              ":to", AttributeValue.fromN(Long.toString(T0 + 17 * STEP)),
              ":now", AttributeValue.fromN(Long.toString((T0 + 12 * STEP) / 1000)),
              ":h", AttributeValue.fromN("10"))
          .forEach((name, value) -> put(values, used, name, value));
      return QueryRequest.builder()
          .tableName(READINGS)
          .keyConditionExpression(key)
          .filterExpression(filter)
          .projectionExpression(projection)
          .expressionAttributeNames(names)
          .expressionAttributeValues(values);
    }

    /** Only the placeholders the expressions use: DynamoDB refuses unused ones. */
    private static <V> void put(Map<String, V> into, String used, String name, V value) {
      if (used.matches(".*" + name + "\\b.*")) {
        into.put(name, value);
      }
    }
  }

  @Test
  void query_onTheTablesKey_answersEveryPageAsPlainMotoDoes_inEitherOrderAndAnyPageSize() {
    List<Shape> shapes =
        List.of(
            new Shape("#d = :d", null, null),
            new Shape("#d = :d AND #t > :from", null, null),
            new Shape("#d = :d AND #t BETWEEN :from AND :to", null, null),
            new Shape("#d = :d AND #t > :from", "attribute_not_exists(#e) OR #e > :now", null),
            new Shape("#d = :d", "humidity > :h", "#t, humidity"));
    int pages = 0;
    for (String device : List.of("kitchen", "zz-shed", "nobody")) {
      for (Shape shape : shapes) {
        for (boolean forward : List.of(true, false)) {
          for (Integer limit : new Integer[] {null, 1, 7}) {
            pages +=
                sameOnBoth(shape.request(device).scanIndexForward(forward).limit(limit).build());
          }
        }
      }
    }
    assertThat(pages).isGreaterThan(100);
  }

  @Test
  void query_onTheTablesKey_readsOnlyThatDevice_newestFirst_acrossPages() {
    List<Map<String, AttributeValue>> got = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    int pages = 0;
    do {
      QueryRequest.Builder request =
          QueryRequest.builder()
              .tableName(READINGS)
              .keyConditionExpression("#d = :d AND #t > :from")
              .expressionAttributeNames(Map.of("#d", "device", "#t", "ts"))
              .expressionAttributeValues(
                  Map.of(
                      ":d", AttributeValue.fromS("kitchen"),
                      ":from", AttributeValue.fromN(Long.toString(T0 + 4 * STEP))))
              .scanIndexForward(false)
              .limit(3);
      if (start != null) {
        request.exclusiveStartKey(start);
      }
      QueryResponse page = launched.query(request.build());
      got.addAll(page.items());
      start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
      pages++;
    } while (start != null);

    // kitchen's readings 5 to 24, written here as device index 2: humidity 200 + i.
    assertThat(got).hasSize(PER_DEVICE - 5);
    assertThat(got).allSatisfy(i -> assertThat(i.get("device").s()).isEqualTo("kitchen"));
    assertThat(got)
        .extracting(i -> Long.parseLong(i.get("ts").n()))
        .isSortedAccordingTo(Comparator.reverseOrder())
        .startsWith(T0 + (PER_DEVICE - 1) * STEP)
        .endsWith(T0 + 5 * STEP);
    assertThat(got.get(0).get("humidity").n()).isEqualTo("224");
    assertThat(pages).isEqualTo(7);
  }

  @Test
  void query_onAnIndex_andOnATableWithoutSortKey_answersAsPlainMotoDoes() {
    for (String kind : List.of("even", "odd")) {
      for (boolean forward : List.of(true, false)) {
        sameOnBoth(
            QueryRequest.builder()
                .tableName(READINGS)
                .indexName(BY_KIND)
                .keyConditionExpression("kind = :k AND #t > :from")
                .expressionAttributeNames(Map.of("#t", "ts"))
                .expressionAttributeValues(
                    Map.of(
                        ":k", AttributeValue.fromS(kind),
                        ":from", AttributeValue.fromN(Long.toString(T0 + 20 * STEP))))
                .scanIndexForward(forward)
                .limit(5)
                .build());
      }
    }
    for (String name : List.of("porch", "nobody")) {
      sameOnBoth(
          QueryRequest.builder()
              .tableName(NAMES)
              .keyConditionExpression("#n = :n")
              .expressionAttributeNames(Map.of("#n", "name"))
              .expressionAttributeValues(Map.of(":n", AttributeValue.fromS(name)))
              .build());
    }
    QueryResponse porch =
        launched.query(
            r ->
                r.tableName(NAMES)
                    .keyConditionExpression("#n = :n")
                    .expressionAttributeNames(Map.of("#n", "name"))
                    .expressionAttributeValues(Map.of(":n", AttributeValue.fromS("porch"))));
    assertThat(porch.items())
        .singleElement()
        .satisfies(i -> assertThat(i.get("room").s()).isEqualTo("room of porch"));
  }

  private int sameOnBoth(QueryRequest first) {
    return sameOnBoth(first, Integer.MAX_VALUE);
  }

  /**
   * Follows the pages on both servers, up to {@code maxPages}; each pair must be equal. Returns the
   * pages read.
   */
  private int sameOnBoth(QueryRequest first, int maxPages) {
    QueryRequest request = first;
    int pages = 0;
    while (true) {
      QueryResponse mine = launched.query(request);
      QueryResponse theirs = reference.query(request);
      assertThat(mine.items()).as("items of %s", request).isEqualTo(theirs.items());
      assertThat(mine.count()).as("Count of %s", request).isEqualTo(theirs.count());
      assertThat(mine.scannedCount())
          .as("ScannedCount of %s", request)
          .isEqualTo(theirs.scannedCount());
      assertThat(mine.lastEvaluatedKey())
          .as("LastEvaluatedKey of %s", request)
          .isEqualTo(theirs.lastEvaluatedKey());
      pages++;
      if (!mine.hasLastEvaluatedKey() || pages == maxPages) {
        return pages;
      }
      request = request.toBuilder().exclusiveStartKey(mine.lastEvaluatedKey()).build();
    }
  }

  /**
   * Device {@code d}'s reading {@code i}: the same sort key in every partition, a humidity that
   * tells the partitions apart, some expired and some without expiry.
   */
  private static Map<String, AttributeValue> item(int d, int i) {
    long ts = T0 + i * STEP;
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("device", AttributeValue.fromS(DEVICES.get(d)));
    item.put("ts", AttributeValue.fromN(Long.toString(ts)));
    item.put("humidity", AttributeValue.fromN(Integer.toString(d * 100 + i)));
    item.put("kind", AttributeValue.fromS(i % 2 == 0 ? "even" : "odd"));
    if (i % 5 != 0) {
      item.put("expires", AttributeValue.fromN(Long.toString(ts / 1000 + 600 * (i % 4))));
    }
    return item;
  }

  private static void createTables(DynamoDbClient dynamo) {
    dynamo.createTable(
        r ->
            r.tableName(READINGS)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute("device", ScalarAttributeType.S),
                    attribute("ts", ScalarAttributeType.N),
                    attribute("kind", ScalarAttributeType.S))
                .keySchema(key("device", KeyType.HASH), key("ts", KeyType.RANGE))
                .globalSecondaryIndexes(
                    GlobalSecondaryIndex.builder()
                        .indexName(BY_KIND)
                        .keySchema(key("kind", KeyType.HASH), key("ts", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build()));
    dynamo.createTable(
        r ->
            r.tableName(NAMES)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("name", ScalarAttributeType.S))
                .keySchema(key("name", KeyType.HASH)));
  }

  private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static void write(DynamoDbClient dynamo, List<WriteRequest> batch) {
    if (!batch.isEmpty()) {
      dynamo.batchWriteItem(r -> r.requestItems(Map.of(READINGS, List.copyOf(batch))));
      batch.clear();
    }
  }
}
