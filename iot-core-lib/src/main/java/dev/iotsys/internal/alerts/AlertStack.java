package dev.iotsys.internal.alerts;

import dev.iotsys.api.AlertsStatus.AlarmKind;
import dev.iotsys.internal.TypeStack;
import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.cloudwatch.AlarmResource;
import dev.iotsys.internal.engine.TypeNames;
import dev.iotsys.internal.iam.RuleRoleResource;
import dev.iotsys.internal.iot.TopicRuleResource;
import dev.iotsys.internal.sns.EmailSubscriptionResource;
import dev.iotsys.internal.sns.TopicResource;
import dev.iotsys.spi.AwsAccount;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * The resources alerts make, declared once: the topic and its e-mail subscriptions; per sensor type
 * a rule of its own that publishes each reading as CloudWatch metrics, and that rule's role; per
 * sensor a silence alarm and the threshold alarms its settings ask for.
 *
 * <p>The metrics get a rule of their own rather than an action on the type's readings rule:
 * enabling or disabling alerts then never replaces the rule that stores readings (no moment in
 * which readings are lost to a half-made change), the readings rule and its role stay exactly what
 * the store declares on either store (install and status know nothing of alerts), and the readings
 * role never gets CloudWatch permissions.
 */
public final class AlertStack {
  /** CloudWatch's standard resolution: a period of one minute. */
  static final int PERIOD_SECONDS = 60;

  static final String SQL_VERSION = "2016-03-23";

  private final AwsClients aws;

  public AlertStack(AwsClients aws) {
    this.aws = aws;
  }

  CloudWatchClient cloudWatch() {
    return aws.client(CloudWatchClient.class);
  }

  SnsClient sns() {
    return aws.client(SnsClient.class);
  }

  /** The topic's ARN in the command's account and region. */
  String topicArn() {
    return aws.account().arn("sns", AlertNames.TOPIC);
  }

  TopicResource topic() {
    return new TopicResource(
        sns(), AlertNames.TOPIC, this::topicArn, AlertNames.TOPIC_DISPLAY_NAME);
  }

  EmailSubscriptionResource subscription(String address) {
    return new EmailSubscriptionResource(sns(), this::topicArn, address);
  }

  RuleRoleResource metricsRole(SensorType type) {
    String rule = AlertNames.metricsRule(type.id());
    return new RuleRoleResource(
        aws.iam(),
        AlertNames.metricsRole(type.id()),
        () -> TypeStack.ruleTrustPolicy(aws.account(), rule),
        AlertNames.metricsRolePolicy(type.id()),
        () -> metricsPolicy(type, aws.account()),
        "Lets the iotsys metrics rule put readings into CloudWatch and report its errors");
  }

  /**
   * The type's metrics rule.
   *
   * @param iot the client to use: one that can PATCH when the rule may be replaced
   */
  TopicRuleResource metricsRule(SensorType type, IotClient iot) {
    return new TopicRuleResource(
        iot, AlertNames.metricsRule(type.id()), () -> metricsPayload(type, aws.account()));
  }

  /**
   * {@code SELECT temperature FROM 'attictemp/+'} and one {@code cloudwatchMetric} action per
   * measure: the metric {@code ${topic(2)}/temperature} in the namespace {@code iotsys/attictemp},
   * one PutMetricData per reading and measure. Errors go to the type's rule-error log group, beside
   * the readings rule's.
   */
  TopicRulePayload metricsPayload(SensorType type, AwsAccount account) {
    String roleArn =
        "arn:"
            + account.partition()
            + ":iam::"
            + account.accountId()
            + ":role/"
            + AlertNames.metricsRole(type.id());
    List<Action> actions = new ArrayList<>();
    for (Measure m : type.measures()) {
      actions.add(
          Action.builder()
              .cloudwatchMetric(
                  c ->
                      c.roleArn(roleArn)
                          .metricNamespace(AlertNames.namespace(type.id()))
                          .metricName(
                              AlertNames.metric(
                                  "${topic(" + type.deviceTopicLevel() + ")}", m.name()))
                          .metricValue("${" + m.name() + "}")
                          .metricUnit(unit(m)))
              .build());
    }
    String columns = type.measures().stream().map(Measure::name).collect(Collectors.joining(", "));
    return TopicRulePayload.builder()
        .sql("SELECT " + columns + " FROM '" + type.topicFilter() + "'")
        .awsIotSqlVersion(SQL_VERSION)
        .description(
            "iotsys: readings of "
                + type.id()
                + " sensors as CloudWatch metrics in "
                + AlertNames.namespace(type.id())
                + ", for alerts")
        .ruleDisabled(false)
        .actions(actions)
        .errorAction(
            Action.builder()
                .cloudwatchLogs(
                    l -> l.roleArn(roleArn).logGroupName(new TypeNames(type.id()).errorLogGroup()))
                .build())
        .build();
  }

  /**
   * PutMetricData has no resource-level permissions: the role may call it for any metric, but only
   * in the type's own namespace (the {@code cloudwatch:namespace} condition key).
   */
  String metricsPolicy(SensorType type, AwsAccount account) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("Effect", "Allow");
    metrics.put("Action", "cloudwatch:PutMetricData");
    metrics.put("Resource", "*");
    metrics.put(
        "Condition",
        Map.of("StringEquals", Map.of("cloudwatch:namespace", AlertNames.namespace(type.id()))));
    Map<String, Object> logs = new LinkedHashMap<>();
    logs.put("Effect", "Allow");
    logs.put("Action", List.of("logs:CreateLogStream", "logs:PutLogEvents"));
    logs.put(
        "Resource",
        account.arn("logs", "log-group:" + new TypeNames(type.id()).errorLogGroup() + ":*"));
    return TypeStack.policy(List.of(metrics, logs));
  }

  /** CloudWatch knows a few units by name; anything else (°C) is a plain number. */
  static String unit(Measure m) {
    return "%".equals(m.unit()) ? "Percent" : "None";
  }

  /**
   * A sensor's alarms as its settings ask for: the silence alarm first, then each threshold, every
   * one carrying the whole record.
   *
   * @param arm whether the silence alarm should notify: when created, and from now on if it does
   *     not yet (it is never disarmed)
   * @param existing the sensor's alarms as listed, by name
   */
  List<AlarmResource> alarms(
      SensorType type,
      String sensor,
      AlertSettings settings,
      boolean arm,
      String topicArn,
      Map<String, MetricAlarm> existing) {
    List<AlarmResource> alarms = new ArrayList<>();
    String name = AlertNames.silence(sensor);
    String window = AlertSettings.window(settings.silentAfter());
    int periods = (int) (settings.silentAfter().toSeconds() / PERIOD_SECONDS);
    PutMetricAlarmRequest silence =
        base(type, sensor, type.measures().get(0).name(), topicArn)
            .alarmName(name)
            .alarmDescription(
                "Sensor "
                    + sensor
                    + " ("
                    + type.id()
                    + ") sent no reading for "
                    + window
                    + ". "
                    + settings.record())
            .statistic(Statistic.SAMPLE_COUNT)
            .evaluationPeriods(periods)
            .datapointsToAlarm(periods)
            .threshold(1.0)
            .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
            // No reading at all is what this alarm is for: missing data is breaching.
            .treatMissingData("breaching")
            .actionsEnabled(arm)
            .build();
    alarms.add(
        new AlarmResource(cloudWatch(), silence, true)
            .knownToBe(Optional.ofNullable(existing.get(name))));
    for (String measure : settings.measures()) {
      for (AlarmKind kind : List.of(AlarmKind.ABOVE, AlarmKind.BELOW)) {
        BigDecimal value =
            (kind == AlarmKind.ABOVE ? settings.above() : settings.below()).get(measure);
        if (value != null) {
          String alarm = AlertNames.threshold(sensor, measure, kind);
          alarms.add(
              new AlarmResource(
                      cloudWatch(),
                      threshold(type, sensor, measure, kind, value, settings, topicArn)
                          .alarmName(alarm)
                          .build(),
                      false)
                  .knownToBe(Optional.ofNullable(existing.get(alarm))));
        }
      }
    }
    return alarms;
  }

  private PutMetricAlarmRequest.Builder threshold(
      SensorType type,
      String sensor,
      String measure,
      AlarmKind kind,
      BigDecimal value,
      AlertSettings settings,
      String topicArn) {
    boolean above = kind == AlarmKind.ABOVE;
    return base(type, sensor, measure, topicArn)
        .alarmDescription(
            measure
                + " of sensor "
                + sensor
                + " ("
                + type.id()
                + ") "
                + (above ? "above " : "below ")
                + AlertSettings.plain(value)
                + ". "
                + settings.record())
        .statistic(above ? Statistic.MAXIMUM : Statistic.MINIMUM)
        .evaluationPeriods(1)
        .datapointsToAlarm(1)
        .threshold(value.doubleValue())
        .comparisonOperator(
            above
                ? ComparisonOperator.GREATER_THAN_THRESHOLD
                : ComparisonOperator.LESS_THAN_THRESHOLD)
        // Silence is the silence alarm's business: a threshold keeps its state meanwhile.
        .treatMissingData("ignore")
        .actionsEnabled(true);
  }

  private static PutMetricAlarmRequest.Builder base(
      SensorType type, String sensor, String measure, String topicArn) {
    return PutMetricAlarmRequest.builder()
        .namespace(AlertNames.namespace(type.id()))
        .metricName(AlertNames.metric(sensor, measure))
        .period(PERIOD_SECONDS)
        .alarmActions(topicArn)
        .okActions(topicArn);
  }

  /** The alerts topic's ARN when it exists: one listing, no account needed. */
  Optional<String> topicIfEnabled() {
    return aws(
        "looking for the alerts topic",
        () ->
            sns().listTopicsPaginator().topics().stream()
                .map(t -> t.topicArn())
                .filter(arn -> arn != null && arn.endsWith(":" + AlertNames.TOPIC))
                .findFirst());
  }

  List<Subscription> subscriptions(String topicArn) {
    return aws(
        "listing the alerts topic's subscriptions",
        () -> EmailSubscriptionResource.list(sns(), topicArn));
  }

  /** iotsys's alarms under the prefix, by name, sorted. */
  Map<String, MetricAlarm> listAlarms(String prefix) {
    return aws(
        "listing the alarms",
        () -> {
          Map<String, MetricAlarm> alarms = new TreeMap<>();
          cloudWatch()
              .describeAlarmsPaginator(
                  r -> r.alarmNamePrefix(prefix).alarmTypes(AlarmType.METRIC_ALARM))
              .metricAlarms()
              .forEach(
                  a -> {
                    if (AlertNames.parse(a.alarmName()).isPresent()) {
                      alarms.put(a.alarmName(), a);
                    }
                  });
          return alarms;
        });
  }

  /** The alarms of one sensor among those listed. */
  static Map<String, MetricAlarm> ofSensor(Map<String, MetricAlarm> alarms, String sensor) {
    Map<String, MetricAlarm> own = new TreeMap<>();
    alarms.forEach(
        (name, alarm) -> {
          if (AlertNames.parse(name).map(p -> p.sensor().equals(sensor)).orElse(false)) {
            own.put(name, alarm);
          }
        });
    return own;
  }

  static boolean armed(MetricAlarm alarm) {
    return alarm != null && Boolean.TRUE.equals(alarm.actionsEnabled());
  }

  /** An SDK call outside the engine, its failure as one sentence. */
  static <T> T aws(String doing, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, doing);
    }
  }
}
