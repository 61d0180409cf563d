package dev.iotsys.sensor.micropython;

import dev.iotsys.spi.DevicePackage;
import dev.iotsys.spi.KeyFormats;
import dev.iotsys.spi.PackageWrite;
import dev.iotsys.spi.PrivateFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A MicroPython board's package folder: its credential files (in the forms its board reads, which
 * its type's writer encodes), {@code config.json} and the firmware files its contract lists. Every
 * value goes into {@code config.json} as JSON, never into code, so any character of a password
 * survives. Files are private (0600) and replaced atomically ({@link PrivateFiles}); a file whose
 * content is already right is left alone, so writing twice changes nothing.
 *
 * <p>The package remembers: {@code config.json} keeps the device settings it has (hand edits
 * included) unless the run names them, and keeps keys it does not know. A file that differs from
 * what iotsys last wrote ({@value #WRITTEN}, which the firmware's copy step skips) was edited by
 * hand: it is kept, and a note says what differs, unless the run asks to overwrite.
 */
public final class PackageFolder {
  /** What iotsys last wrote, as SHA-256 per file; a dot file, so flash.sh does not copy it. */
  public static final String WRITTEN = ".iotsys-written";

  /** The six keys every firmware requires; the contract's settings may not override them. */
  public static final List<String> REQUIRED =
      List.of("thing_name", "endpoint", "port", "topic", "wifi_ssid", "wifi_password");

  /** Required keys iotsys decides, not the user: kept when edited by hand, unless overwriting. */
  static final List<String> MANAGED = List.of("thing_name", "endpoint", "port", "topic");

  private final FirmwareContract contract;
  private final String config;
  private final Map<String, String> settingKeys;

  /**
   * @param contract the firmware's contract: its files and its settings' defaults
   * @param config the name of the package's settings file, e.g. {@code config.json}
   * @param settingKeys the {@code config.json} key of each device setting, by the setting's name
   *     ({@code --interval} is {@code interval_s})
   */
  public PackageFolder(FirmwareContract contract, String config, Map<String, String> settingKeys) {
    this.contract = contract;
    this.config = config;
    this.settingKeys = Map.copyOf(settingKeys);
  }

  /**
   * Writes the package: the credential files, then the config, then the firmware files.
   *
   * @param p what goes into the package
   * @param credentials the board's credential files, by name, as its writer encoded them
   * @return whether any file changed, and what the user should know
   * @throws IOException when a file cannot be written
   */
  public PackageWrite write(DevicePackage p, Map<String, byte[]> credentials) throws IOException {
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

    Map<String, byte[]> files = new LinkedHashMap<>(credentials);
    files.put(config, config(p, written, notes));
    for (String file : contract.files()) {
      files.put(file, contract.file(file));
    }
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      Path path = p.folder().resolve(f.getKey());
      byte[] want = f.getValue();
      if (Files.isRegularFile(path)
          && !f.getKey().equals(config)
          && !p.overwrite()
          && editedByHand(path, written.get(f.getKey()), written.isEmpty())
          && !Arrays.equals(Files.readAllBytes(path), want)) {
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

  /**
   * Writes the alert thresholds into the package's config.json as {@code "thresholds":
   * {"temperature": {"above": 30.0, "below": 5.0}}} ({@code {}} for none), keeping every other key.
   * The board compares each reading with them and publishes at once when one is crossed. The record
   * of what iotsys wrote follows, unless the file was edited by hand.
   *
   * @param folder the package folder
   * @param thresholds by measure: {@code above} and {@code below}, either optional
   * @return whether config.json changed (the board must be flashed again); false when there is no
   *     package in the folder
   * @throws IOException when config.json cannot be read or written
   */
  public boolean writeThresholds(Path folder, Map<String, Map<String, BigDecimal>> thresholds)
      throws IOException {
    Path file = folder.resolve(config);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    byte[] had = Files.readAllBytes(file);
    Map<String, Object> values = new LinkedHashMap<>(ConfigJson.read(had));
    Map<String, Object> byMeasure = new TreeMap<>();
    thresholds.forEach(
        (measure, bounds) -> {
          Map<String, Object> ordered = new LinkedHashMap<>();
          for (String bound : List.of("above", "below")) {
            if (bounds.get(bound) != null) {
              ordered.put(bound, bounds.get(bound));
            }
          }
          byMeasure.put(measure, ordered);
        });
    values.put("thresholds", byMeasure);
    byte[] want = ConfigJson.write(values);
    if (Arrays.equals(had, want)) {
      return false;
    }
    Map<String, String> written = manifest(folder);
    boolean ours = !written.isEmpty() && !editedByHand(file, written.get(config), false);
    PrivateFiles.write(file, want);
    if (ours) {
      written.put(config, sha256(want));
      PrivateFiles.write(folder.resolve(WRITTEN), manifestText(written));
    }
    return true;
  }

  /**
   * Whether every file of the package is there: the credential files, the config, the firmware.
   *
   * @param folder the package folder
   * @param credentialFiles the names of the board's credential files
   * @return true when none is missing
   */
  public boolean isComplete(Path folder, Collection<String> credentialFiles) {
    List<String> all = new ArrayList<>(credentialFiles);
    all.add(config);
    all.addAll(contract.files());
    return all.stream().allMatch(f -> Files.isRegularFile(folder.resolve(f)));
  }

  /**
   * A file of a package, for a reader: its bytes, or a {@link NoSuchFileException} that names it.
   * Messages name the file, never its content.
   *
   * @param folder the package folder
   * @param name the file's name
   * @return its bytes
   * @throws IOException when it is missing or cannot be read
   */
  public static byte[] file(Path folder, String name) throws IOException {
    Path file = folder.resolve(name);
    if (!Files.exists(file)) {
      throw new NoSuchFileException(name + " is missing");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IOException("cannot read " + name + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  /**
   * The certificates a file of a package holds, for a reader.
   *
   * @param folder the package folder
   * @param name the file's name
   * @param form how the board writes them, for the message, e.g. {@code DER}
   * @return the certificates, in order
   * @throws IOException when the file is missing, unreadable or holds no certificate
   */
  public static List<X509Certificate> certificates(Path folder, String name, String form)
      throws IOException {
    byte[] bytes = file(folder, name);
    try {
      return KeyFormats.certificates(bytes);
    } catch (IllegalArgumentException e) {
      throw new IOException(name + " holds no X.509 certificate in " + form + " form", e);
    }
  }

  /**
   * config.json: the six required keys, then each setting as the run names it, else as the package
   * has it, else at the contract's default, then keys the package has that iotsys does not know. A
   * managed key (endpoint, topic ...) edited by hand keeps its value, with a note, unless the run
   * overwrites.
   */
  byte[] config(DevicePackage p, Map<String, String> written, List<String> notes)
      throws IOException {
    Path file = p.folder().resolve(config);
    Map<String, Object> existing = Map.of();
    boolean handEdited = false;
    if (Files.isRegularFile(file)) {
      try {
        existing = ConfigJson.read(Files.readAllBytes(file));
        handEdited = editedByHand(file, written.get(config), written.isEmpty());
      } catch (IOException unreadable) {
        notes.add(config + " was not valid JSON: written anew");
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("thing_name", p.thingName());
    values.put("endpoint", p.endpoint());
    values.put("port", p.port());
    values.put("topic", p.topic());
    values.put("wifi_ssid", p.wifiSsid());
    values.put("wifi_password", p.wifiPassword());
    if (handEdited && !p.overwrite()) {
      for (String key : MANAGED) {
        Object had = existing.get(key);
        if (had != null && !same(had, values.get(key))) {
          notes.add(
              config
                  + ": "
                  + key
                  + " was edited by hand ("
                  + had
                  + "; iotsys would"
                  + " write "
                  + values.get(key)
                  + "): kept; --overwrite-package writes it");
          values.put(key, had);
        }
      }
    }
    Set<String> required = Set.copyOf(REQUIRED);
    for (Map.Entry<String, Object> setting : contract.settings().entrySet()) {
      String key = setting.getKey();
      if (required.contains(key)) {
        continue;
      }
      Object value = existing.containsKey(key) ? existing.get(key) : setting.getValue();
      for (Map.Entry<String, Object> given : p.settings().entrySet()) {
        if (key.equals(settingKeys.get(given.getKey()))) {
          value = given.getValue();
        }
      }
      values.put(key, value);
    }
    existing.forEach(values::putIfAbsent);
    return ConfigJson.write(values);
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
