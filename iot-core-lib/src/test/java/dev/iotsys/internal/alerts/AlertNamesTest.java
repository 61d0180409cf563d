package dev.iotsys.internal.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotsys.api.AlertsStatus.AlarmKind;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertNamesTest {
  @Test
  void alarmNames_readBackAsTheirSensorAndKind() {
    assertEquals("iotsys/kitchen/silent", AlertNames.silence("kitchen"));
    assertEquals(
        Optional.of(new AlertNames.Parsed("kitchen", AlarmKind.SILENT, Optional.empty())),
        AlertNames.parse("iotsys/kitchen/silent"));
    assertEquals(
        "iotsys/kitchen-2/temperature-below",
        AlertNames.threshold("kitchen-2", "temperature", AlarmKind.BELOW));
    assertEquals(
        Optional.of(
            new AlertNames.Parsed("kitchen-2", AlarmKind.BELOW, Optional.of("temperature"))),
        AlertNames.parse("iotsys/kitchen-2/temperature-below"));
  }

  @Test
  void parse_ofAnotherName_isEmpty() {
    for (String name :
        new String[] {
          "kitchen/silent",
          "iotsys/kitchen",
          "iotsys//silent",
          "iotsys/kitchen/loud",
          "iotsys/kitchen/temperature-sideways",
          "iotsys-kitchen-silent"
        }) {
      assertEquals(Optional.empty(), AlertNames.parse(name), name);
    }
  }

  @Test
  void sensorPrefix_holdsOneSensorsAlarmsOnly() {
    // Thing names cannot contain '/': kitchen's prefix never matches kitchen-2's alarms.
    assertEquals(
        false, AlertNames.silence("kitchen-2").startsWith(AlertNames.sensorPrefix("kitchen")));
  }

  @Test
  void metricsRule_cannotBeAReadingsRuleOfAnyType() {
    // Readings rules are iotsys_<type>; a type id may hold underscores, so only another prefix
    // is safe.
    assertEquals(false, AlertNames.metricsRule("esp8266temp").startsWith("iotsys_"));
    assertEquals("iotsys-esp8266temp-metrics", AlertNames.metricsRole("esp8266temp"));
  }
}
