package dev.iotsys.sensor.esp8266temp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.spi.Measure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

  @Test
  void bundled_readsWhatJacksonsObjectMapperReadsFromContractJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode file;
    try (InputStream in = getClass().getResourceAsStream(FirmwareContract.FOLDER + "contract.json")) {
      file = json.readTree(in);
    }
    assertEquals(file.get("type").asText(), contract.type());
    assertEquals(file.get("topicPrefix").asText(), contract.topicPrefix());
    assertEquals(file.get("port").asInt(), contract.port());
    assertEquals(file.get("measures"), json.valueToTree(contract.measures()));
    assertEquals(file.get("files"), json.valueToTree(contract.files()));
    assertEquals(file.get("settings"), json.valueToTree(contract.settings()));
    assertEquals(List.copyOf(file.get("settings").properties()).stream()
        .map(java.util.Map.Entry::getKey).toList(), List.copyOf(contract.settings().keySet()));
  }

  @Test
  void read_refusesASettingThatIsNotAScalar() {
    byte[] bad = "{\"settings\": {\"pin\": [14]}}".getBytes(StandardCharsets.UTF_8);
    assertThrows(IOException.class, () -> FirmwareContract.read(new ByteArrayInputStream(bad)));
  }
}
