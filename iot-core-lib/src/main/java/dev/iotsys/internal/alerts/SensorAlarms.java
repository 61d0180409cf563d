package dev.iotsys.internal.alerts;

import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.SensorOutcome;
import dev.iotsys.api.SensorResult;
import dev.iotsys.api.SensorsResult;
import dev.iotsys.internal.SensorTypeRegistry;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.cloudwatch.AlarmResource;
import dev.iotsys.internal.engine.ConvergeEngine;
import dev.iotsys.internal.iot.TopicRuleResource;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.Resource;
import dev.iotsys.spi.SensorType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.iot.model.TopicRule;

/**
 * What alerts add to {@code sensor add} and {@code sensor remove}, called once after each with the
 * sensors' results (see {@code Iotsys.addSensors}): a sensor added gets its alarms, one removed
 * loses them. The sensors' own steps know nothing of alerts.
 */
public final class SensorAlarms {
  private static final Set<SensorOutcome> ADDED =
      Set.of(
          SensorOutcome.CREATED,
          SensorOutcome.UPDATED,
          SensorOutcome.UNCHANGED,
          SensorOutcome.WOULD_CREATE,
          SensorOutcome.WOULD_UPDATE);
  private static final Set<SensorOutcome> REMOVED =
      Set.of(SensorOutcome.REMOVED, SensorOutcome.ABSENT, SensorOutcome.WOULD_REMOVE);

  private final AwsClients clients;
  private final SensorTypeRegistry registry;
  private final AlertStack stack;

  public SensorAlarms(AwsClients clients, SensorTypeRegistry registry) {
    this.clients = clients;
    this.registry = registry;
    this.stack = new AlertStack(clients);
  }

  /**
   * After {@code sensor add}: when alerts are enabled, each sensor added (or found in place) gets
   * its alarms, its silence alarm unarmed when new, and its type its metrics rule if it has none
   * yet. The alarms' lines join the sensors' actions; a sensor whose alarms could not be made
   * fails, so that running the command again makes them.
   *
   * @param before the API calls before the sensors were added, for the result's count
   */
  public SensorsResult afterAdd(
      String typeId, SensorsResult result, ApiCalls before, IotsysListener listener) {
    List<String> names = names(result, ADDED);
    if (names.isEmpty()) {
      return counted(result, before, Map.of(), Optional.empty(), "", names);
    }
    Optional<String> topicArn;
    try {
      topicArn = stack.topicIfEnabled();
    } catch (IotsysException e) {
      if (e.kind() != ErrorKind.ACCESS_DENIED) {
        return counted(
            result,
            before,
            Map.of(),
            Optional.of(e),
            "the sensor is in place; whether alerts are enabled is not known",
            names);
      }
      return notChecked(result, before, names, e, listener);
    }
    if (topicArn.isEmpty()) {
      return counted(result, before, Map.of(), Optional.empty(), "", names);
    }
    try {
      SensorType type = registry.get(typeId);
      AlertService.requireFewMeasures(type);
      List<String> measures = type.measures().stream().map(Measure::name).toList();
      List<Resource<?>> wanted = new ArrayList<>();
      // Only a missing rule is made here (CreateTopicRule is a POST); a drifted one is
      // 'alerts enable''s to replace, which needs the PATCH-capable client.
      TopicRuleResource rule = stack.metricsRule(type, clients.iot());
      Optional<TopicRule> existing = ConvergeEngine.read(rule);
      if (existing.isEmpty()) {
        wanted.add(stack.metricsRole(type));
        wanted.add(rule.knownToBe(existing));
      }
      Map<String, MetricAlarm> alarms =
          stack.listAlarms(
              names.size() == 1 ? AlertNames.sensorPrefix(names.get(0)) : AlertNames.ALARM_PREFIX);
      for (String name : names) {
        Map<String, MetricAlarm> own = AlertStack.ofSensor(alarms, name);
        wanted.addAll(
            stack.alarms(
                type,
                name,
                AlertSettings.of(List.copyOf(own.values()), measures, type.readingInterval()),
                false,
                topicArn.get(),
                own));
      }
      List<ResourceResult> results = new ConvergeEngine(listener).converge(wanted, result.dryRun());
      return counted(result, before, actions(names, results), Optional.empty(), "", names);
    } catch (IotsysException e) {
      return counted(
          result,
          before,
          Map.of(),
          Optional.of(e),
          "the sensor is in place, but alerts are enabled and its alarms are not",
          names);
    }
  }

  /**
   * After {@code sensor remove}: each sensor removed (or found gone) loses its alarms. A sensor
   * whose alarms could not be deleted fails, so that running the command again deletes them.
   *
   * @param before the API calls before the sensors were removed, for the result's count
   */
  public SensorsResult afterRemove(SensorsResult result, ApiCalls before, IotsysListener listener) {
    List<String> names = names(result, REMOVED);
    if (names.isEmpty()) {
      return counted(result, before, Map.of(), Optional.empty(), "", names);
    }
    Map<String, MetricAlarm> alarms;
    try {
      alarms =
          stack.listAlarms(
              names.size() == 1 ? AlertNames.sensorPrefix(names.get(0)) : AlertNames.ALARM_PREFIX);
    } catch (IotsysException e) {
      if (e.kind() != ErrorKind.ACCESS_DENIED) {
        return counted(
            result,
            before,
            Map.of(),
            Optional.of(e),
            "the sensor is removed; whether it had alarms is not known",
            names);
      }
      return notChecked(result, before, names, e, listener);
    }
    try {
      List<Resource<?>> removals = new ArrayList<>();
      for (String name : names) {
        AlertStack.ofSensor(alarms, name)
            .values()
            .forEach(a -> removals.add(AlarmResource.existing(stack.cloudWatch(), a)));
      }
      List<ResourceResult> results =
          removals.isEmpty()
              ? List.of()
              : new ConvergeEngine(listener).remove(removals, false, result.dryRun());
      return counted(result, before, actions(names, results), Optional.empty(), "", names);
    } catch (IotsysException e) {
      return counted(
          result,
          before,
          Map.of(),
          Optional.of(e),
          "the sensor is removed, its alarms are not",
          names);
    }
  }

  /**
   * A caller who may not read SNS or CloudWatch (an IAM policy from before alerts) still adds and
   * removes sensors: each one says that its alerts were not looked at.
   */
  private SensorsResult notChecked(
      SensorsResult result,
      ApiCalls before,
      List<String> names,
      IotsysException e,
      IotsysListener listener) {
    String line = "alerts not checked: " + e.getMessage();
    listener.onEvent(new IotsysEvent.Note(line));
    Map<String, List<String>> actions = new LinkedHashMap<>();
    names.forEach(n -> actions.put(n, List.of(line)));
    return counted(result, before, actions, Optional.empty(), "", names);
  }

  private static List<String> names(SensorsResult result, Set<SensorOutcome> outcomes) {
    return result.sensors().stream()
        .filter(s -> outcomes.contains(s.outcome()))
        .map(SensorResult::name)
        .toList();
  }

  /** Each sensor's lines: its alarms' changes, and the type's rule and role to the first one. */
  private static Map<String, List<String>> actions(
      List<String> names, List<ResourceResult> results) {
    Map<String, List<String>> actions = new LinkedHashMap<>();
    names.forEach(n -> actions.put(n, new ArrayList<>()));
    for (ResourceResult r : results) {
      if (!r.outcome().isChange()) {
        continue;
      }
      String owner =
          AlertNames.parse(r.name())
              .map(AlertNames.Parsed::sensor)
              .filter(actions::containsKey)
              .orElse(names.get(0));
      String line = phrase(r.outcome()) + " " + r.kind() + " " + r.name();
      if (r.outcome() == Outcome.UPDATED || r.outcome() == Outcome.WOULD_UPDATE) {
        line += " (" + String.join("; ", r.differences()) + ")";
      }
      actions.get(owner).add(line);
    }
    return actions;
  }

  private static String phrase(Outcome outcome) {
    return outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /**
   * The sensors' results with the alerts' lines added (or, after a failure, every sensor the hook
   * handled failed), and the calls counted from {@code before}.
   */
  private SensorsResult counted(
      SensorsResult result,
      ApiCalls before,
      Map<String, List<String>> actions,
      Optional<IotsysException> failure,
      String failedHow,
      List<String> handled) {
    List<SensorResult> sensors = new ArrayList<>();
    for (SensorResult s : result.sensors()) {
      if (failure.isPresent() && handled.contains(s.name())) {
        // The cause first, as for any failed name; what it left, and what to do, after it.
        String error = failure.get().getMessage() + " (" + failedHow + ": run the command again)";
        List<String> lines = new ArrayList<>(s.actions());
        lines.add("failed: " + error);
        sensors.add(
            new SensorResult(
                s.name(),
                s.typeId(),
                SensorOutcome.FAILED,
                s.certificateId(),
                s.keyFolder(),
                s.packageFolder(),
                lines,
                Optional.of(error),
                Optional.of(failure.get().kind())));
      } else if (actions.containsKey(s.name()) && !actions.get(s.name()).isEmpty()) {
        List<String> lines = new ArrayList<>(s.actions());
        lines.addAll(actions.get(s.name()));
        sensors.add(
            new SensorResult(
                s.name(),
                s.typeId(),
                s.outcome(),
                s.certificateId(),
                s.keyFolder(),
                s.packageFolder(),
                lines,
                s.error(),
                s.errorKind()));
      } else {
        sensors.add(s);
      }
    }
    return new SensorsResult(result.dryRun(), sensors, clients.counter().since(before));
  }
}
