package dev.iotsys.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.spi.DevicePackageReader;
import dev.iotsys.spi.Measure;
import dev.iotsys.spi.SensorType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The payload fixtures that tie a firmware to its Java reader (DEVICE-CONTRACT.md, "Fixtures"):
 * {@code firmware/fixtures/<type>-payloads.json}, which the firmware suite writes by running the
 * firmware's own conversion and payload code in MicroPython. Each entry gives the exact physical
 * values of a raw reading and the message the firmware published for it; the reader must write the
 * same bytes. The expectation is the firmware's, never the reader's own rule.
 */
public final class PayloadFixtures {
  /** Where the fixtures are looked for instead of the repository's, e.g. a hand-made one. */
  public static final String FOLDER_PROPERTY = "iotsys.fixtures";

  private PayloadFixtures() {}

  /** One fixture entry: the values, in the type's measure order, and the firmware's message. */
  public record Entry(JsonNode raw, Map<String, BigDecimal> values, String payload) {}

  /** {@code firmware/fixtures} of the repository this module is built in, or the property's. */
  public static Path folder() {
    String given = System.getProperty(FOLDER_PROPERTY);
    if (given != null && !given.isBlank()) {
      return Path.of(given);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("firmware")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p.resolve("firmware").resolve("fixtures");
      }
    }
    throw new IllegalStateException("No firmware/ folder above " + Path.of("").toAbsolutePath());
  }

  /**
   * The type's entries. A missing or empty file fails the test: it never skips.
   *
   * @param type the sensor type, whose measures order the values
   */
  public static List<Entry> of(SensorType type) throws IOException {
    Path file = folder().resolve(type.id() + "-payloads.json");
    assertTrue(
        Files.isRegularFile(file),
        file
            + " is missing. The firmware suite writes it from the firmware's own code"
            + " ('cd firmware && UPDATE_FIXTURES=1 npm test'); this test checks the Java reader"
            + " against it and never skips.");
    JsonNode list = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    assertTrue(list.isArray() && !list.isEmpty(), file + " holds no entries");
    List<String> measures = type.measures().stream().map(Measure::name).toList();
    List<Entry> entries = new ArrayList<>();
    for (JsonNode e : list) {
      Map<String, BigDecimal> values = new LinkedHashMap<>();
      JsonNode given = e.get("values");
      for (String measure : measures) {
        JsonNode v = given.get(measure);
        assertFalse(v == null || !v.isTextual(), file + ": an entry lacks " + measure + ": " + e);
        values.put(measure, new BigDecimal(v.asText()));
      }
      assertEquals(measures.size(), given.size(), file + ": an entry has other measures: " + e);
      entries.add(new Entry(e.get("raw"), values, e.get("payload").asText()));
    }
    return entries;
  }

  /** Asserts that the reader writes every entry's payload, byte for byte; returns how many. */
  public static int assertReaderWritesTheFirmwaresPayloads(SensorType type) throws IOException {
    DevicePackageReader reader = type.devicePackageReader().orElseThrow();
    List<Entry> entries = of(type);
    List<String> wrong = new ArrayList<>();
    for (Entry e : entries) {
      String written = new String(reader.payload(e.values()), StandardCharsets.UTF_8);
      if (!written.equals(e.payload())) {
        wrong.add("raw " + e.raw() + ": firmware " + e.payload() + ", reader " + written);
      }
    }
    assertEquals(List.of(), wrong.subList(0, Math.min(10, wrong.size())), wrong.size() + " differ");
    return entries.size();
  }
}
