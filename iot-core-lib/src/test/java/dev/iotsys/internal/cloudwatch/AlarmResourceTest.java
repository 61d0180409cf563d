package dev.iotsys.internal.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/** What an alarm compares; converging it against AWS is AlertsIT's. */
class AlarmResourceTest {
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:iotsys-alerts";

  private static PutMetricAlarmRequest desired(boolean actions) {
    return PutMetricAlarmRequest.builder()
        .alarmName("iotsys/kitchen/silent")
        .namespace("iotsys/testhumidity")
        .metricName("kitchen/humidity")
        .statistic("SampleCount")
        .period(60)
        .evaluationPeriods(30)
        .datapointsToAlarm(30)
        .threshold(1.0)
        .comparisonOperator("LessThanThreshold")
        .treatMissingData("breaching")
        .alarmActions(TOPIC)
        .okActions(TOPIC)
        .alarmDescription("d")
        .actionsEnabled(actions)
        .build();
  }

  private static MetricAlarm.Builder actual(boolean actions) {
    PutMetricAlarmRequest d = desired(actions);
    return MetricAlarm.builder()
        .alarmName(d.alarmName())
        .namespace(d.namespace())
        .metricName(d.metricName())
        .statistic(d.statistic())
        .period(d.period())
        .evaluationPeriods(d.evaluationPeriods())
        .datapointsToAlarm(d.datapointsToAlarm())
        .threshold(d.threshold())
        .comparisonOperator(d.comparisonOperator())
        .treatMissingData(d.treatMissingData())
        .alarmActions(d.alarmActions())
        .okActions(d.okActions())
        .alarmDescription(d.alarmDescription())
        .actionsEnabled(actions);
  }

  @Test
  void anAlarmAsDesired_hasNoDifference() {
    assertThat(new AlarmResource(null, desired(false), true).differences(actual(false).build()))
        .isEmpty();
  }

  @Test
  void anArmedSilenceAlarm_isNeverDisarmed_butAnUnarmedOneIsArmedWhenAsked() {
    assertThat(new AlarmResource(null, desired(false), true).differences(actual(true).build()))
        .isEmpty();
    assertThat(new AlarmResource(null, desired(true), true).differences(actual(false).build()))
        .containsExactly("not armed \u2192 armed");
  }

  @Test
  void aThresholdAlarmWithActionsTurnedOffByHand_differs() {
    assertThat(new AlarmResource(null, desired(true), false).differences(actual(false).build()))
        .containsExactly("actions off \u2192 on");
  }

  @Test
  void handEdits_areNamedAsCurrentToWanted() {
    MetricAlarm edited =
        actual(false)
            .threshold(3.0)
            .treatMissingData("notBreaching")
            .okActions(List.of())
            .evaluationPeriods(5)
            .build();
    assertThat(new AlarmResource(null, desired(false), true).differences(edited))
        .containsExactly(
            "evaluation periods: 5 \u2192 30",
            "threshold: 3 \u2192 1",
            "missing data: notBreaching \u2192 breaching",
            "OK actions: [] \u2192 [" + TOPIC + "]");
  }

  @Test
  void aChangedDescription_showsWhereTheTwoPart() {
    assertThat(
            AlarmResource.tails(
                "Sensor kitchen sent nothing. iotsys settings: silent-after=30m",
                "Sensor kitchen sent nothing. iotsys settings: silent-after=30m temperature-above=30"))
        .isEqualTo("\u2026silent-after=30m \u2192 \u2026silent-after=30m temperature-above=30");
    assertThat(AlarmResource.tails("mine", "Sensor kitchen"))
        .isEqualTo("mine \u2192 Sensor kitchen");
    assertThat(AlarmResource.tails(null, "d")).isEqualTo("none \u2192 d");
  }
}
