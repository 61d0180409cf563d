package dev.iotsys.internal;

import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.internal.engine.SdkMaps;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.internal.iot.TopicRuleResource;
import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.SensorType;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.TopicRule;

/**
 * Where a sensor type's readings go, as its installed topic rule says: the first action a store
 * recognizes as its own names the store and the database. Every command after install finds the
 * store this way, so {@code --store} and {@code --db} are said once.
 *
 * @param rule the type's rule as read, or empty when there is none
 * @param store the store of the rule's action, or empty when no store recognizes one
 * @param database the database that action writes to, with the store
 */
public record InstalledStore(
    Optional<TopicRule> rule, Optional<ReadingStore> store, Optional<String> database) {

  /** Reads the type's rule (one call) and asks each store whether an action is its own. */
  public static InstalledStore of(IotClient iot, StoreRegistry stores, SensorType type) {
    TopicRuleResource resource =
        new TopicRuleResource(iot, new TypeNames(type.id()).topicRule(), () -> null);
    Optional<TopicRule> rule = ConvergeEngine.read(resource);
    if (rule.isPresent() && rule.get().actions() != null) {
      for (Action action : rule.get().actions()) {
        Map<String, Object> plain = SdkMaps.toMap(action);
        for (ReadingStore store : stores.all()) {
          Optional<String> database = store.databaseOf(plain, type);
          if (database.isPresent()) {
            return new InstalledStore(rule, Optional.of(store), database);
          }
        }
      }
    }
    return new InstalledStore(rule, Optional.empty(), Optional.empty());
  }

  /** Where the rule writes, when a store recognizes its action. */
  public Optional<ReadingsTarget> target() {
    return store.map(s -> new ReadingsTarget(s, database.orElseThrow()));
  }

  /** Shorthand for commands that only read. */
  public static InstalledStore of(AwsClients aws, StoreRegistry stores, SensorType type) {
    return of(aws.iot(), stores, type);
  }
}
