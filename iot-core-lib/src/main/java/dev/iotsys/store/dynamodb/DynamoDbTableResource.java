package dev.iotsys.store.dynamodb;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.HoldsReadings;
import dev.iotsys.spi.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.Tag;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * The DynamoDB table of one sensor type: keys {@code device} (S, partition) and {@code ts} (N,
 * sort, epoch milliseconds), on-demand billing, deletion protection on, the time to live on {@code
 * expires}, tagged {@code managedBy=iotsys} when made. Billing, protection and the time to live are
 * repaired when they drift; a table with other keys is not iotsys's: it cannot be changed in place
 * and is never deleted or replaced for it. The keys prove iotsys made a table (tables made before
 * iotsys tagged them have no tag), so proving it costs no call.
 *
 * <p>With it goes its companion of newest readings ({@link DynamoDbStore#newestTableName}): key
 * {@code device} alone, on demand, tagged. It is part of the table, not a resource of its own: it
 * is made with it (or after it, for a table made before companions existed), goes with it when the
 * readings are deleted, and stays with it otherwise. It holds copies only, so it has no deletion
 * protection and no time to live (its items are read with their expiry).
 */
final class DynamoDbTableResource
    implements Resource<DynamoDbTableResource.State>,
        Deleter<DynamoDbTableResource.State>,
        HoldsReadings<DynamoDbTableResource.State> {

  /**
   * What exists of the table.
   *
   * @param table the table as DescribeTable shows it
   * @param ttl its time to live as DescribeTimeToLive shows it
   * @param newest its companion of newest readings, when it exists
   */
  record State(
      TableDescription table, TimeToLiveDescription ttl, Optional<TableDescription> newest) {}

  private final DynamoDbClient dynamo;
  private final String name;
  private final String newestName;
  private final Duration activePoll;
  private final int activeAttempts;

  DynamoDbTableResource(DynamoDbClient dynamo, String name, String newestName) {
    this(dynamo, name, newestName, Duration.ofSeconds(1), 120);
  }

  DynamoDbTableResource(
      DynamoDbClient dynamo,
      String name,
      String newestName,
      Duration activePoll,
      int activeAttempts) {
    this.dynamo = dynamo;
    this.name = name;
    this.newestName = newestName;
    this.activePoll = activePoll;
    this.activeAttempts = activeAttempts;
  }

  @Override
  public String kind() {
    return "dynamodb-table";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<State> read() {
    TableDescription table;
    try {
      table = dynamo.describeTable(r -> r.tableName(name)).table();
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
    TimeToLiveDescription ttl =
        dynamo.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
    return Optional.of(new State(table, ttl, describeTable(newestName)));
  }

  private Optional<TableDescription> describeTable(String table) {
    try {
      return Optional.of(dynamo.describeTable(r -> r.tableName(table)).table());
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> differences(State actual) {
    List<String> diffs = new ArrayList<>();
    keySchemaDifference(actual.table()).ifPresent(diffs::add);
    BillingMode billing = billing(actual.table());
    if (billing != BillingMode.PAY_PER_REQUEST) {
      diffs.add("billing " + billing + " \u2192 " + BillingMode.PAY_PER_REQUEST);
    }
    if (!Boolean.TRUE.equals(actual.table().deletionProtectionEnabled())) {
      diffs.add("deletion protection off \u2192 on");
    }
    if (!ttlOnExpiry(actual.ttl())) {
      diffs.add("time to live " + describe(actual.ttl()) + " \u2192 on " + DynamoDbStore.EXPIRES);
    }
    if (actual.newest().isEmpty()) {
      diffs.add("newest-reading table " + newestName + " missing \u2192 made");
    }
    return diffs;
  }

  @Override
  public void create() {
    dynamo.createTable(
        r ->
            r.tableName(name)
                .keySchema(
                    KeySchemaElement.builder()
                        .attributeName(DynamoDbStore.DEVICE)
                        .keyType(KeyType.HASH)
                        .build(),
                    KeySchemaElement.builder()
                        .attributeName(DynamoDbStore.TIME)
                        .keyType(KeyType.RANGE)
                        .build())
                .attributeDefinitions(
                    AttributeDefinition.builder()
                        .attributeName(DynamoDbStore.DEVICE)
                        .attributeType(ScalarAttributeType.S)
                        .build(),
                    AttributeDefinition.builder()
                        .attributeName(DynamoDbStore.TIME)
                        .attributeType(ScalarAttributeType.N)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .deletionProtectionEnabled(true)
                .tags(Tag.builder().key(TAG_KEY).value(TAG_VALUE).build()));
    // AWS takes the time to live only once the table is ACTIVE. A run killed before this line
    // leaves a table without it (or without its companion), which the next run sees as drift and
    // repairs.
    awaitActive();
    enableTtl();
    createNewest();
  }

  /**
   * The companion: its key is the device alone, so each put replaces the device's previous item.
   * Another run's CreateTable that got there first made the same table.
   */
  private void createNewest() {
    try {
      dynamo.createTable(
          r ->
              r.tableName(newestName)
                  .keySchema(
                      KeySchemaElement.builder()
                          .attributeName(DynamoDbStore.DEVICE)
                          .keyType(KeyType.HASH)
                          .build())
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName(DynamoDbStore.DEVICE)
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .tags(Tag.builder().key(TAG_KEY).value(TAG_VALUE).build()));
    } catch (ResourceInUseException e) {
      // made meanwhile by another run
    }
  }

  @Override
  public Optional<String> refusal(State actual) {
    Optional<String> keys = keySchemaDifference(actual.table());
    if (keys.isPresent()) {
      return Optional.of(
          "DynamoDB table "
              + name
              + " exists with"
              + " other keys ("
              + keys.get()
              + "); iotsys did not make it, cannot change keys in place and never"
              + " deletes a table for it: move the table away or install on another --db");
    }
    TimeToLiveDescription ttl = actual.ttl();
    if (ttl != null && isOn(ttl) && !DynamoDbStore.EXPIRES.equals(ttl.attributeName())) {
      return Optional.of(
          "The time to live of DynamoDB table "
              + name
              + " is on attribute "
              + ttl.attributeName()
              + ", not "
              + DynamoDbStore.EXPIRES
              + "; turn it off (AWS then refuses another change for an hour) and run install again");
    }
    if (actual.newest().isPresent() && !newestKeys(actual.newest().get())) {
      return Optional.of(
          "DynamoDB table "
              + newestName
              + " exists with other keys ("
              + keySchema(actual.newest().get())
              + "); iotsys keeps each sensor's newest reading there, keyed by "
              + DynamoDbStore.DEVICE
              + " alone: move the table away or install on another --db");
    }
    if (ttl != null && ttl.timeToLiveStatus() == TimeToLiveStatus.DISABLING) {
      return Optional.of(
          "The time to live of DynamoDB table "
              + name
              + " is being turned off; AWS refuses another change until that is done: run"
              + " install again in an hour");
    }
    return Optional.empty();
  }

  /** The engine asked {@link #refusal} first: what differs here can be repaired. */
  @Override
  public void update(State actual) {
    TimeToLiveDescription ttl = actual.ttl();
    UpdateTableRequest.Builder table = UpdateTableRequest.builder().tableName(name);
    boolean changeTable = false;
    if (billing(actual.table()) != BillingMode.PAY_PER_REQUEST) {
      table.billingMode(BillingMode.PAY_PER_REQUEST);
      changeTable = true;
    }
    if (!Boolean.TRUE.equals(actual.table().deletionProtectionEnabled())) {
      table.deletionProtectionEnabled(true);
      changeTable = true;
    }
    if (changeTable) {
      dynamo.updateTable(table.build());
    }
    // DescribeTimeToLive came first: AWS refuses a second change of the time to live within an
    // hour, so it is changed only when it is really off.
    if (!ttlOnExpiry(ttl)) {
      if (changeTable) {
        awaitActive();
      }
      enableTtl();
    }
    if (actual.newest().isEmpty()) {
      createNewest();
    }
  }

  /**
   * The companion of copies first; then protection goes off, then the table: only uninstall with
   * the user's consent.
   */
  @Override
  public Optional<String> delete(State actual) {
    // One with other keys is not iotsys's: left alone.
    if (actual.newest().isPresent() && newestKeys(actual.newest().get())) {
      try {
        dynamo.deleteTable(r -> r.tableName(newestName));
      } catch (ResourceNotFoundException e) {
        // gone already
      }
    }
    if (Boolean.TRUE.equals(actual.table().deletionProtectionEnabled())) {
      dynamo.updateTable(r -> r.tableName(name).deletionProtectionEnabled(false));
    }
    dynamo.deleteTable(r -> r.tableName(name));
    return Optional.empty();
  }

  @Override
  public boolean madeByIotsys(State actual) {
    return keySchemaDifference(actual.table()).isEmpty();
  }

  @Override
  public List<String> keepDifferences(State actual) {
    return Boolean.TRUE.equals(actual.table().deletionProtectionEnabled())
        ? List.of()
        : List.of("deletion protection off \u2192 on");
  }

  @Override
  public void keep(State actual) {
    if (!keepDifferences(actual).isEmpty()) {
      dynamo.updateTable(r -> r.tableName(name).deletionProtectionEnabled(true));
    }
  }

  /** DynamoDB's own count, in DescribeTable already: refreshed by AWS about every six hours. */
  @Override
  public OptionalLong readingCount(State actual) {
    Long items = actual.table().itemCount();
    return items == null ? OptionalLong.empty() : OptionalLong.of(items);
  }

  /** Another run's CreateTable got there first. */
  @Override
  public boolean isAlreadyExists(String errorCode) {
    return "ResourceInUseException".equals(errorCode);
  }

  private void enableTtl() {
    dynamo.updateTimeToLive(
        r ->
            r.tableName(name)
                .timeToLiveSpecification(
                    s -> s.enabled(true).attributeName(DynamoDbStore.EXPIRES)));
  }

  private void awaitActive() {
    for (int attempt = 1; attempt <= activeAttempts; attempt++) {
      TableStatus status = dynamo.describeTable(r -> r.tableName(name)).table().tableStatus();
      if (status == TableStatus.ACTIVE) {
        return;
      }
      try {
        Thread.sleep(activePoll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IotsysException(ErrorKind.INTERNAL, "Interrupted while waiting for " + name);
      }
    }
    throw new IotsysException(
        ErrorKind.INTERNAL,
        "DynamoDB table "
            + name
            + " did not become"
            + " ACTIVE within "
            + activePoll.multipliedBy(activeAttempts).toSeconds()
            + " s; run"
            + " the command again");
  }

  private static Optional<String> keySchemaDifference(TableDescription table) {
    String want = DynamoDbStore.DEVICE + " S HASH, " + DynamoDbStore.TIME + " N RANGE";
    String have = keySchema(table);
    return want.equals(have)
        ? Optional.empty()
        : Optional.of("keys " + have + " \u2192 " + want + ", cannot be changed in place");
  }

  private static boolean newestKeys(TableDescription table) {
    return (DynamoDbStore.DEVICE + " S HASH").equals(keySchema(table));
  }

  private static String keySchema(TableDescription table) {
    List<String> parts = new ArrayList<>();
    table.keySchema().stream()
        .sorted(Comparator.comparing(k -> k.keyType() == KeyType.HASH ? 0 : 1))
        .forEach(
            k ->
                parts.add(
                    k.attributeName()
                        + " "
                        + table.attributeDefinitions().stream()
                            .filter(d -> d.attributeName().equals(k.attributeName()))
                            .map(d -> d.attributeTypeAsString())
                            .findFirst()
                            .orElse("?")
                        + " "
                        + k.keyTypeAsString()));
    return String.join(", ", parts);
  }

  private static BillingMode billing(TableDescription table) {
    // A table created with provisioned capacity may carry no billing summary at all.
    return table.billingModeSummary() == null || table.billingModeSummary().billingMode() == null
        ? BillingMode.PROVISIONED
        : table.billingModeSummary().billingMode();
  }

  private static boolean isOn(TimeToLiveDescription ttl) {
    return ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
        || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING;
  }

  private static boolean ttlOnExpiry(TimeToLiveDescription ttl) {
    return ttl != null && isOn(ttl) && DynamoDbStore.EXPIRES.equals(ttl.attributeName());
  }

  private static String describe(TimeToLiveDescription ttl) {
    if (ttl == null || ttl.timeToLiveStatus() == null) {
      return "off";
    }
    return ttl.timeToLiveStatus() == TimeToLiveStatus.DISABLED
        ? "off"
        : ttl.timeToLiveStatusAsString().toLowerCase(java.util.Locale.ROOT)
            + (ttl.attributeName() == null ? "" : " " + ttl.attributeName());
  }
}
