package dev.iotsys.internal.devicetest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.iotsys.api.Reading;
import dev.iotsys.internal.SensorReadings;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.spi.SensorType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The reading trail on what iotsys stores today: the readings {@code iotsys data} shows (the type's
 * store, found through the sensor's thing and its type's rule) and the rule's CloudWatch Logs
 * group, which the rule's error action writes to.
 */
public final class StoreReadingTrail implements ReadingTrail {
  /** The readings of the last hour: far more than a test waits; a constant window, one query. */
  static final String WINDOW = "1h";

  static final int NEWEST = 10;
  private static final JsonFactory JSON = new JsonFactory();

  private final AwsClients clients;
  private final SensorReadings readings;

  public StoreReadingTrail(AwsClients clients, SensorReadings readings) {
    this.clients = clients;
    this.readings = readings;
  }

  @Override
  public Optional<Instant> newestReading(SensorType type, String sensor, Instant from) {
    return readings.readings(sensor, Optional.empty(), WINDOW, NEWEST).stream()
        .map(Reading::time)
        .filter(t -> !t.isBefore(from))
        .max(Instant::compareTo);
  }

  @Override
  public List<String> ruleErrors(SensorType type, String topic, Instant from) {
    String group = new TypeNames(type.id()).errorLogGroup();
    List<String> errors = new ArrayList<>();
    try {
      for (FilteredLogEvent event :
          clients
              .logs()
              .filterLogEventsPaginator(r -> r.logGroupName(group).startTime(from.toEpochMilli()))
              .events()) {
        errors.addAll(failures(event.message(), topic));
      }
    } catch (ResourceNotFoundException e) {
      return List.of();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, "reading log group " + group);
    }
    return errors;
  }

  /**
   * The error messages of one error-action message about the topic: {@code {"ruleName", "topic",
   * "clientId", ..., "failures": [{"failedAction", "failedResource", "errorMessage"}]}}, as AWS IoT
   * documents it (rule-error-handling). Anything else in the group is not iotsys's concern.
   */
  static List<String> failures(String message, String topic) {
    String eventTopic = null;
    List<String> found = new ArrayList<>();
    try (JsonParser p = JSON.createParser(message)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return List.of();
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("topic") && value == JsonToken.VALUE_STRING) {
          eventTopic = p.getText();
        } else if (field.equals("failures") && value == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            String action = null;
            String error = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String key = p.currentName();
              p.nextToken();
              if (key.equals("failedAction")) {
                action = p.getValueAsString();
              } else if (key.equals("errorMessage")) {
                error = p.getValueAsString();
              } else {
                p.skipChildren();
              }
            }
            if (error != null) {
              found.add(action == null ? error : action + ": " + error);
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException notJson) {
      return List.of();
    }
    return topic.equals(eventTopic) ? found : List.of();
  }
}
