package dev.iotsys.sensor.esp8266temp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.iotsys.spi.Measure;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firmware and the cloud side must not drift: both are checked against contract.json. */
class FirmwareContractTest {
  private final FirmwareContract contract = FirmwareContract.bundled();
  private final Esp8266TempSensorType type = new Esp8266TempSensorType();

  @Test
  void ruleSql_selectsExactlyTheContractsMeasures_fromItsTopicPrefix() {
    Matcher sql = Pattern.compile("SELECT (.+) FROM '([^']+)'").matcher(type.ruleSql());
    assertEquals(true, sql.matches(), type.ruleSql());
    List<String> selected = List.of(sql.group(1).split(",\\s*"));
    assertEquals(contract.measures(), selected);
    assertEquals(contract.topicPrefix() + "/+", sql.group(2));
  }

  @Test
  void typeIdMeasuresAndPort_matchTheContract() {
    assertEquals(contract.type(), type.id());
    assertEquals(contract.measures(), type.measures().stream().map(Measure::name).toList());
    assertEquals(8883, contract.port());
  }

  @Test
  void everyFirmwareFileTheContractNames_isBundled() throws Exception {
    assertFalse(contract.files().isEmpty());
    for (String file : contract.files()) {
      assertFalse(new String(contract.file(file)).isBlank(), file);
    }
  }
}
