package dev.iotsys.sensor.esp8266temp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.ReadingStore;
import java.io.InputStream;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firmware and the cloud side must not drift: both are checked against contract.json. */
class FirmwareContractTest {
  private final Esp8266TempSensorType type = new Esp8266TempSensorType();
  private final FirmwareContract contract = type.contract();

  @Test
  void ruleSqlOfEveryStore_selectsTheContractsMeasuresByName_fromItsTopicPrefix() {
    List<ReadingStore> stores =
        ServiceLoader.load(ReadingStore.class).stream().map(ServiceLoader.Provider::get).toList();
    assertFalse(stores.isEmpty(), "no store on the class path");
    for (ReadingStore store : stores) {
      String sql = store.ruleTarget("home", type, "arn:aws:iam::1:role/r").sql();
      Matcher m = Pattern.compile("SELECT (.+) FROM '([^']+)'").matcher(sql);
      assertEquals(true, m.matches(), sql);
      // The measures by the names the firmware publishes; a store may add its own columns after.
      List<String> selected = List.of(m.group(1).split(",\\s*"));
      assertEquals(contract.measures(), selected.subList(0, contract.measures().size()), sql);
      assertEquals(contract.topicPrefix() + "/+", m.group(2), sql);
    }
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
    try (InputStream in =
        getClass().getResourceAsStream(Esp8266TempSensorType.FIRMWARE + "contract.json")) {
      file = json.readTree(in);
    }
    assertEquals(file.get("type").asText(), contract.type());
    assertEquals(file.get("topicPrefix").asText(), contract.topicPrefix());
    assertEquals(file.get("port").asInt(), contract.port());
    assertEquals(file.get("measures"), json.valueToTree(contract.measures()));
    assertEquals(file.get("files"), json.valueToTree(contract.files()));
    assertEquals(file.get("settings"), json.valueToTree(contract.settings()));
    assertEquals(
        List.copyOf(file.get("settings").properties()).stream()
            .map(java.util.Map.Entry::getKey)
            .toList(),
        List.copyOf(contract.settings().keySet()));
  }

  /** Read from contract.json with databind, apart from the type's own parser. */
  @Test
  void readingInterval_isTheFirmwaresDefaultInterval() throws Exception {
    JsonNode file;
    try (InputStream in =
        getClass().getResourceAsStream(Esp8266TempSensorType.FIRMWARE + "contract.json")) {
      file = new ObjectMapper().readTree(in);
    }
    assertEquals(
        java.time.Duration.ofSeconds(file.get("settings").get("interval_s").asLong()),
        type.readingInterval());
  }
}
