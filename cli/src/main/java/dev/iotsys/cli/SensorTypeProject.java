package dev.iotsys.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A standalone Maven project for a new sensor type, as {@code iotsys sensor-type new} writes it.
 *
 * <p>Written from the generator's own templates (in this jar, beside the spi it is built with)
 * rather than from a Maven archetype: the firmware parts are copied from the firmware tree this
 * iotsys was built from (firmware/common, the test harness, the board's TLS part), so a generated
 * project always matches the iotsys that made it, and iotsys's own test suite builds a generated
 * project against its own spi on every run. An archetype is a separate artifact whose templates age
 * on their own and would copy stale firmware.
 */
final class SensorTypeProject {
  /** Lower case, so that the id is also a Java package, a folder and an artifact id. */
  static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{2,63}");

  private static final Pattern MEASURE =
      Pattern.compile(
          "([A-Za-z][A-Za-z0-9_]{0,62}):([^:]{1,16})(?::(-?[0-9.]+)\\.\\.(-?[0-9.]+))?");
  private static final String TEMPLATES = "/dev/iotsys/cli/newtype/";
  private static final String BUNDLED = TEMPLATES + "bundled/";

  /** The board part of a reference board.py the generated board.py takes as it is. */
  private static final List<String> BOARD_PART =
      List.of(
          "RTC_BYTES",
          "GUARD_TIMER",
          "MAX_SLEEP_S",
          "CLOCK_FOR_TLS",
          "ERRORS",
          "start",
          "explain",
          "context");

  /** A board a generated type can run on, and iotsys's type whose board part it copies. */
  enum Board {
    ESP32(
        "esp32",
        "an ESP32 running MicroPython 1.23 or later (mbedTLS: checks AWS IoT's certificate)",
        "esp32bme280",
        "KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048",
        "the RTC keeps the failure count; no wiring needed",
        List.of("i2c_sda", "i2c_scl", "i2c_address")),
    ESP8266(
        "esp8266",
        "an ESP8266 running MicroPython 1.23 or later (axTLS: checks no server certificate)",
        "esp8266temp",
        "KeyAlgorithm.RSA_2048",
        "wire GPIO16 to RST",
        List.of("sensor", "pin"));

    final String id;
    final String words;
    final String reference;
    final String keyAlgorithms;
    final String deepSleepNote;
    final List<String> referenceSettings;

    Board(
        String id,
        String words,
        String reference,
        String keyAlgorithms,
        String deepSleepNote,
        List<String> referenceSettings) {
      this.id = id;
      this.words = words;
      this.reference = reference;
      this.keyAlgorithms = keyAlgorithms;
      this.deepSleepNote = deepSleepNote;
      this.referenceSettings = referenceSettings;
    }

    static Board of(String id) {
      for (Board b : values()) {
        if (b.id.equals(id)) {
          return b;
        }
      }
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Unknown --board '" + IotsysException.shown(id) + "': use esp8266 or esp32");
    }
  }

  /** One declared measure: its name, unit and plausible range. */
  record Measure(String name, String unit, BigDecimal low, BigDecimal high) {
    /** {@code NAME:UNIT[:MIN..MAX]}; without a range, 0..100. */
    static Measure parse(String text) {
      Matcher m = MEASURE.matcher(text);
      if (m.matches()) {
        try {
          BigDecimal low = new BigDecimal(m.group(3) == null ? "0" : m.group(3));
          BigDecimal high = new BigDecimal(m.group(4) == null ? "100" : m.group(4));
          if (low.compareTo(high) < 0 && !m.group(2).isBlank() && !m.group(2).contains("\"")) {
            return new Measure(m.group(1), m.group(2), low, high);
          }
        } catch (NumberFormatException e) {
          // reported below, as every other malformed measure
        }
      }
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Invalid --measure '"
              + IotsysException.shown(text)
              + "': use NAME:UNIT or NAME:UNIT:MIN..MAX with MIN below MAX, e.g."
              + " moisture:%:0..100");
    }

    /** The middle of the range in hundredths, rounded as the firmware rounds. */
    long typicalHundredths() {
      return low.add(high)
          .multiply(BigDecimal.valueOf(50))
          .setScale(0, RoundingMode.HALF_UP)
          .longValueExact();
    }
  }

  private final String id;
  private final List<Measure> measures;
  private final Board board;
  private final String version;

  SensorTypeProject(String id, List<Measure> measures, Board board) {
    this.id = id;
    this.measures = List.copyOf(measures);
    this.board = board;
    this.version = iotsysVersion();
  }

  /** The files of the project, by path relative to its folder. */
  Map<String, byte[]> files() {
    Map<String, String> v = values();
    Map<String, byte[]> files = new TreeMap<>();
    String name = v.get("Name");
    String src = "src/main/java/" + v.get("packagePath") + "/";
    String test = "src/test/java/" + v.get("packagePath") + "/";
    text(files, "pom.xml", template("pom.xml", v));
    text(files, "README.md", template("README.md", v));
    text(files, ".gitignore", template("gitignore", v));
    text(files, src + name + "SensorType.java", template("java/SensorType.java", v));
    text(files, src + name + "PackageWriter.java", template(writerTemplate("Writer"), v));
    text(files, src + name + "PackageReader.java", template(writerTemplate("Reader"), v));
    text(
        files,
        "src/main/resources/META-INF/services/dev.iotsys.spi.SensorType",
        v.get("package") + "." + name + "SensorType\n");
    text(files, test + name + "SensorTypeTest.java", template("java/SensorTypeTest.java", v));
    text(files, test + name + "ContractTest.java", template("java/ContractTest.java", v));

    String own = "firmware/" + id + "/";
    text(files, own + "board.py", template("firmware/board.py", v));
    text(files, own + "sensor.py", template("firmware/sensor.py", v));
    text(
        files,
        "firmware/test/" + id + "/publish.test.mjs",
        template("firmware/publish.test.mjs", v));
    bundledTree("common/", files, "firmware/common/");
    bundledTree("testlib/", files, "firmware/testlib/");
    bundledTree("vendor/", files, "firmware/vendor/");
    files.put("firmware/package.json", bundled("package.json"));
    files.put("firmware/package-lock.json", bundled("package-lock.json"));
    List<String> firmwareFiles = new ArrayList<>(List.of("board.py", "sensor.py"));
    files.keySet().stream()
        .filter(f -> f.startsWith("firmware/common/") && f.endsWith(".py"))
        .map(f -> f.substring("firmware/common/".length()))
        .forEach(firmwareFiles::add);
    firmwareFiles.sort(Comparator.naturalOrder());
    text(files, own + "contract.json", contract(firmwareFiles));
    text(files, "firmware/test/" + id + "/board.json", emulation());
    return files;
  }

  private String writerTemplate(String kind) {
    return "java/Package" + kind + "-" + board.id + ".java";
  }

  private Map<String, String> values() {
    String name =
        Stream.of(id.split("_"))
            .filter(s -> !s.isEmpty())
            .map(s -> Character.toUpperCase(s.charAt(0)) + s.substring(1))
            .collect(Collectors.joining());
    Map<String, String> v = new LinkedHashMap<>();
    v.put("id", id);
    v.put("Name", name);
    v.put("package", "iotsys.plugin." + id);
    v.put("packagePath", "iotsys/plugin/" + id);
    v.put("iotsysVersion", version);
    v.put("board", board.id);
    v.put("boardName", board.words);
    v.put("reference", board.reference);
    v.put("keyAlgorithms", board.keyAlgorithms);
    v.put("deepSleepNote", board.deepSleepNote);
    String words =
        measures.stream()
            .map(m -> m.name() + " (" + m.unit() + ")")
            .collect(Collectors.joining(", "));
    v.put("measureWords", words);
    v.put(
        "description",
        capitalized(board.id) + " sensor of " + javaText(words) + ", on MicroPython");
    v.put(
        "measureList",
        measures.stream()
            .map(
                m ->
                    "        new Measure(\""
                        + m.name()
                        + "\", \""
                        + javaText(m.unit())
                        + "\", \""
                        + m.low().toPlainString()
                        + "\", \""
                        + m.high().toPlainString()
                        + "\")")
            .collect(Collectors.joining(",\n")));
    v.put(
        "measureNames",
        measures.stream().map(m -> "\"" + m.name() + "\"").collect(Collectors.joining(", ")));
    v.put(
        "measureTuple",
        measures.stream().map(m -> "\"" + m.name() + "\",").collect(Collectors.joining(" ")));
    v.put("packing", "i".repeat(measures.size()));
    v.put(
        "stubReading",
        measures.stream()
            .map(m -> "(\"" + m.name() + "\", " + m.typicalHundredths() + "),")
            .collect(Collectors.joining(" ")));
    String payload =
        measures.stream()
            .map(m -> "\"" + m.name() + "\": " + hundredthsText(m.typicalHundredths()))
            .collect(Collectors.joining(", ", "{", "}"));
    v.put("payloadExample", payload);
    v.put("payloadExampleEscaped", payload.replace("\"", "\\\""));
    v.put("payloadExampleJs", payload.replace("'", "\\'"));
    v.put(
        "payloadValues",
        measures.stream()
            .map(
                m ->
                    "    values.put(\""
                        + m.name()
                        + "\", new BigDecimal(\""
                        + BigDecimal.valueOf(m.typicalHundredths(), 2).toPlainString()
                        + "\"));")
            .collect(Collectors.joining("\n")));
    v.put(
        "boardPart",
        boardPart(new String(bundled(board.reference + "/board.py"), StandardCharsets.UTF_8)));
    return v;
  }

  /** The firmware's number text (DEVICE-CONTRACT.md): two decimals, one trailing zero dropped. */
  static String hundredthsText(long h) {
    String sign = h < 0 ? "-" : "";
    long a = Math.abs(h);
    String frac = String.format("%02d", a % 100);
    if (frac.endsWith("0")) {
      frac = frac.substring(0, 1);
    }
    return sign + (a / 100) + "." + frac;
  }

  /**
   * The named top-level definitions of a board.py, each with the comment lines right above it, in
   * the file's order.
   */
  static String boardPart(String boardPy) {
    List<String> lines = boardPy.lines().toList();
    StringBuilder out = new StringBuilder();
    List<String> found = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      String name = definedName(line);
      if (name == null || !BOARD_PART.contains(name)) {
        i++;
        continue;
      }
      int start = i;
      while (start > 0 && lines.get(start - 1).startsWith("#")) {
        start--;
      }
      int end = i + 1;
      while (end < lines.size()
          && (lines.get(end).isEmpty()
              || Character.isWhitespace(lines.get(end).charAt(0))
              || lines.get(end).startsWith("}")
              || lines.get(end).startsWith(")"))) {
        end++;
      }
      while (end > i + 1 && lines.get(end - 1).isEmpty()) {
        end--;
      }
      if (line.startsWith("def ") && out.length() > 0) {
        out.append("\n\n");
      }
      lines.subList(start, end).forEach(l -> out.append(l).append('\n'));
      found.add(name);
      i = end;
    }
    List<String> missing = BOARD_PART.stream().filter(n -> !found.contains(n)).toList();
    if (!missing.isEmpty()) {
      throw new IotsysException(
          ErrorKind.INTERNAL, "The bundled board.py lacks " + String.join(", ", missing));
    }
    return out.toString().stripTrailing();
  }

  private static String definedName(String line) {
    Matcher def = Pattern.compile("def ([A-Za-z_][A-Za-z0-9_]*)\\(.*").matcher(line);
    if (def.matches()) {
      return def.group(1);
    }
    Matcher assign = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*) = .*").matcher(line);
    return assign.matches() ? assign.group(1) : null;
  }

  private String contract(List<String> firmwareFiles) {
    ObjectNode reference = json(bundled(board.reference + "/contract.json"));
    ObjectNode c = MAPPER.createObjectNode();
    c.put("type", id);
    c.put("topicPrefix", id);
    ArrayNode names = c.putArray("measures");
    measures.forEach(m -> names.add(m.name()));
    c.put("port", reference.get("port").asInt());
    ArrayNode files = c.putArray("files");
    firmwareFiles.forEach(files::add);
    c.set("package", reference.get("package"));
    ObjectNode settings = ((ObjectNode) reference.get("settings")).deepCopy();
    settings.remove(board.referenceSettings);
    c.set("settings", settings);
    return pretty(c);
  }

  /** The reference board's emulation for the firmware test, without its sensor chips. */
  private String emulation() {
    ObjectNode e = json(bundled("test/" + board.reference + "/board.json"));
    e.put("kept_values", "i".repeat(measures.size()));
    e.remove(List.of("i2c_devices", "onewire_devices"));
    return pretty(e);
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static ObjectNode json(byte[] bytes) {
    try {
      return (ObjectNode) MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pretty(ObjectNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String template(String name, Map<String, String> values) {
    String text = new String(resource(TEMPLATES + name), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("\\{\\{([A-Za-z]+)\\}\\}").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("template " + name + " names no value " + m.group(1));
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static byte[] bundled(String path) {
    return resource(BUNDLED + path);
  }

  /** Every file under a bundled folder, walked in this jar (or in target/classes in a build). */
  private static void bundledTree(String folder, Map<String, byte[]> into, String to) {
    URL url = SensorTypeProject.class.getResource(BUNDLED + folder);
    if (url == null) {
      throw new IotsysException(
          ErrorKind.INTERNAL, "This iotsys was built without the firmware's " + folder);
    }
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          walk(jar.provider().getPath(uri), into, to);
        }
      } else {
        walk(Path.of(uri), into, to);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void walk(Path root, Map<String, byte[]> into, String to) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        into.put(to + root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
  }

  private static byte[] resource(String path) {
    try (InputStream in = SensorTypeProject.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IotsysException(
            ErrorKind.INTERNAL, "This iotsys was built without " + path.substring(1));
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String iotsysVersion() {
    Properties p = new Properties();
    try (InputStream in =
        SensorTypeProject.class.getResourceAsStream(TEMPLATES + "version.properties")) {
      p.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IotsysException(ErrorKind.INTERNAL, "This iotsys was built without its version");
    }
    return p.getProperty("iotsys.version");
  }

  private static void text(Map<String, byte[]> files, String path, String text) {
    files.put(path, text.getBytes(StandardCharsets.UTF_8));
  }

  private static String javaText(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  private static String capitalized(String s) {
    return s.toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * Writes the project into {@code dir}, all or nothing: into a sibling folder first, renamed into
   * place once complete.
   */
  void writeTo(Path dir) throws IOException {
    Map<String, byte[]> files = files();
    Path parent = dir.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path staging = Files.createTempDirectory(parent, "." + dir.getFileName() + ".");
    try {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path target = staging.resolve(f.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, f.getValue());
      }
      Files.deleteIfExists(dir); // only an empty folder gets here
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.exists(staging)) {
        try (Stream<Path> all = Files.walk(staging)) {
          for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
  }
}
