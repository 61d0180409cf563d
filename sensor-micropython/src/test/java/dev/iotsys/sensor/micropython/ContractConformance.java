package dev.iotsys.sensor.micropython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.ReadingStore;
import dev.iotsys.spi.SensorType;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The firmware and the cloud side of one MicroPython type must not drift: both are checked against
 * the type's contract.json, read here with databind, apart from the type's own parser. Each type's
 * module runs these by extending the class.
 */
public abstract class ContractConformance {
  private final SensorType type;
  private final FirmwareContract contract;
  private final String folder;

  /**
   * @param type the sensor type
   * @param contract the contract as the type reads it
   * @param folder where its build puts the firmware in its jar
   */
  protected ContractConformance(SensorType type, FirmwareContract contract, String folder) {
    this.type = type;
    this.contract = contract;
    this.folder = folder;
  }

  private JsonNode file() throws Exception {
    try (InputStream in = type.getClass().getResourceAsStream(folder + "contract.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  public void ruleSqlOfEveryStore_selectsTheContractsMeasuresByName_fromItsTopicPrefix() {
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
  public void typeIdMeasuresPortAndInterval_matchTheContract() throws Exception {
    JsonNode file = file();
    assertEquals(file.get("type").asText(), type.id());
    assertEquals(
        new ObjectMapper().convertValue(file.get("measures"), List.class),
        type.measures().stream().map(Measure::name).toList());
    assertEquals(8883, file.get("port").asInt());
    assertEquals(
        Duration.ofSeconds(file.get("settings").get("interval_s").asLong()),
        type.readingInterval());
  }

  @Test
  public void everyFirmwareFileTheContractNames_isBundled() throws Exception {
    assertFalse(contract.files().isEmpty());
    for (String name : contract.files()) {
      assertFalse(new String(contract.file(name)).isBlank(), name);
    }
  }

  @Test
  public void bundled_readsWhatJacksonsObjectMapperReadsFromContractJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode file = file();
    assertEquals(file.get("type").asText(), contract.type());
    assertEquals(file.get("topicPrefix").asText(), contract.topicPrefix());
    assertEquals(file.get("port").asInt(), contract.port());
    assertEquals(file.get("measures"), json.valueToTree(contract.measures()));
    assertEquals(file.get("files"), json.valueToTree(contract.files()));
    assertEquals(file.get("settings"), json.valueToTree(contract.settings()));
    assertEquals(
        List.copyOf(file.get("settings").properties()).stream().map(Map.Entry::getKey).toList(),
        List.copyOf(contract.settings().keySet()));
    JsonNode packageFiles = file.get("package");
    assertEquals(
        packageFiles == null ? json.createObjectNode() : packageFiles,
        json.valueToTree(contract.packageFiles()));
  }
}
