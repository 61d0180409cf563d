package dev.iotsys.sensor.esp8266temp;

import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.DevicePackageWriter;
import dev.iotsys.spi.PackageWrite;
import dev.iotsys.spi.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The package copied onto an ESP8266: {@code cert.der} (X.509 DER), {@code key.der} (PKCS#1 DER,
 * the only form axTLS reads), {@code config.json} and the firmware files. Every value goes into
 * {@code config.json} as JSON, never into code, so any character of a password survives.
 *
 * <p>The package remembers: {@code config.json} keeps the device settings it has (hand edits
 * included) unless the run names them, and keeps keys it does not know. A file that differs from
 * what iotsys last wrote ({@value #WRITTEN}, which the firmware's copy step skips) was edited by
 * hand: it is kept, and a note says what differs, unless the run asks to overwrite.
 */
final class Esp8266TempPackageWriter implements DevicePackageWriter {
  static final String CERT = "cert.der";
  static final String KEY = "key.der";
  static final String CONFIG = "config.json";

  /** What iotsys last wrote, as SHA-256 per file; a dot file, so flash.sh does not copy it. */
  static final String WRITTEN = ".iotsys-written";

  /** The six keys the firmware requires; the contract's settings may not override them. */
  static final Set<String> REQUIRED =
      Set.of("thing_name", "endpoint", "port", "topic", "wifi_ssid", "wifi_password");

  /** Required keys iotsys decides, not the user: kept when edited by hand, unless overwriting. */
  static final List<String> MANAGED = List.of("thing_name", "endpoint", "port", "topic");

  private final FirmwareContract contract;

  Esp8266TempPackageWriter(FirmwareContract contract) {
    this.contract = contract;
  }

  @Override
  public PackageWrite write(DevicePackage p) throws IOException {
    String prefix = contract.topicPrefix() + "/";
    if (!p.topic().startsWith(prefix)) {
      throw new IllegalArgumentException(
          "topic " + p.topic() + " is not under the firmware's prefix " + prefix);
    }
    PrivateFiles.createFolder(p.folder());
    Map<String, String> written = manifest(p.folder());
    Map<String, String> after = new LinkedHashMap<>(written);
    List<String> notes = new ArrayList<>();
    boolean changed = false;

    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(CERT, p.certificateDer());
    files.put(KEY, p.privateKeyDer());
    files.put(CONFIG, config(p, written, notes));
    for (String file : contract.files()) {
      files.put(file, contract.file(file));
    }
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path path = p.folder().resolve(f.getKey());
      byte[] want = f.getValue();
      if (Files.isRegularFile(path)
          && !f.getKey().equals(CONFIG)
          && !p.overwrite()
          && editedByHand(path, written.get(f.getKey()), written.isEmpty())
          && !java.util.Arrays.equals(Files.readAllBytes(path), want)) {
        notes.add(
            f.getKey()
                + " differs from what iotsys wrote (edited by hand?): kept;"
                + " --overwrite-package replaces it");
        continue;
      }
      changed |= PrivateFiles.write(path, want);
      after.put(f.getKey(), sha256(want));
    }
    if (!after.equals(written) || !Files.isRegularFile(p.folder().resolve(WRITTEN))) {
      PrivateFiles.write(p.folder().resolve(WRITTEN), manifestText(after));
    }
    return new PackageWrite(changed, notes);
  }

  @Override
  public boolean isComplete(Path folder) {
    List<String> all = new ArrayList<>(List.of(CERT, KEY, CONFIG));
    all.addAll(contract.files());
    return all.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)));
  }

  /**
   * config.json: the six required keys, then each setting as the run names it, else as the package
   * has it, else at the contract's default, then keys the package has that iotsys does not know. A
   * managed key (endpoint, topic ...) edited by hand keeps its value, with a note, unless the run
   * overwrites.
   */
  byte[] config(DevicePackage p, Map<String, String> written, List<String> notes)
      throws IOException {
    Path file = p.folder().resolve(CONFIG);
    Map<String, Object> existing = Map.of();
    boolean handEdited = false;
    if (Files.isRegularFile(file)) {
      try {
        existing = ConfigJson.read(Files.readAllBytes(file));
        handEdited = editedByHand(file, written.get(CONFIG), written.isEmpty());
      } catch (IOException unreadable) {
        notes.add("config.json was not valid JSON: written anew");
      }
    }
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("thing_name", p.thingName());
    config.put("endpoint", p.endpoint());
    config.put("port", p.port());
    config.put("topic", p.topic());
    config.put("wifi_ssid", p.wifiSsid());
    config.put("wifi_password", p.wifiPassword());
    if (handEdited && !p.overwrite()) {
      for (String key : MANAGED) {
        Object had = existing.get(key);
        if (had != null && !same(had, config.get(key))) {
          notes.add(
              "config.json: "
                  + key
                  + " was edited by hand ("
                  + had
                  + "; iotsys would"
                  + " write "
                  + config.get(key)
                  + "): kept; --overwrite-package writes it");
          config.put(key, had);
        }
      }
    }
    Map<String, String> keys = Esp8266TempSensorType.SETTING_KEYS;
    for (Map.Entry<String, Object> setting : contract.settings().entrySet()) {
      String key = setting.getKey();
      if (REQUIRED.contains(key)) {
        continue;
      }
      Object value = existing.containsKey(key) ? existing.get(key) : setting.getValue();
      for (Map.Entry<String, Object> given : p.settings().entrySet()) {
        if (key.equals(keys.get(given.getKey()))) {
          value = given.getValue();
        }
      }
      config.put(key, value);
    }
    existing.forEach(config::putIfAbsent);
    return ConfigJson.write(config);
  }

  /**
   * Whether a file differs from what iotsys last wrote. A package from before iotsys kept a record
   * has none at all: its files count as iotsys's own.
   */
  private static boolean editedByHand(Path file, String writtenSha, boolean noRecord)
      throws IOException {
    if (noRecord) {
      return false;
    }
    return writtenSha == null || !writtenSha.equals(sha256(Files.readAllBytes(file)));
  }

  private static boolean same(Object a, Object b) {
    return a instanceof Number x && b instanceof Number y
        ? x.toString().equals(y.toString())
        : Objects.equals(a, b);
  }

  private static Map<String, String> manifest(Path folder) throws IOException {
    Path file = folder.resolve(WRITTEN);
    Map<String, String> shas = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return shas;
    }
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int space = line.indexOf(' ');
      if (space > 0) {
        shas.put(line.substring(space + 1), line.substring(0, space));
      }
    }
    return shas;
  }

  /** Like sha256sum's output: the hash, a space, the file name; one line each. */
  private static byte[] manifestText(Map<String, String> shas) {
    StringBuilder b = new StringBuilder();
    shas.forEach((file, sha) -> b.append(sha).append(' ').append(file).append('\n'));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
