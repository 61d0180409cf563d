package dev.iotsys.sensor.esp8266temp;

import com.fasterxml.jackson.core.JsonFactory;
import dev.iotsys.spi.DeviceIdentity;
import dev.iotsys.spi.DevicePackageReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Reads an ESP8266 package as {@code settings.py} and {@code net.py} do on the board: {@code
 * cert.der}, {@code key.der} and {@code config.json}, whose optional settings take the contract's
 * defaults. Messages name files and keys, never values: {@code config.json} holds the Wi-Fi
 * password.
 */
final class Esp8266TempPackageReader implements DevicePackageReader {
  private static final JsonFactory JSON = new JsonFactory();

  /** The keepalive range AWS IoT accepts, which settings.py enforces. */
  static final int MIN_KEEPALIVE = 30;

  static final int MAX_KEEPALIVE = 1200;

  /** The required keys in the order settings.py checks them, so the same one is named first. */
  static final List<String> REQUIRED =
      List.of("thing_name", "endpoint", "port", "topic", "wifi_ssid", "wifi_password");

  private final FirmwareContract contract;

  Esp8266TempPackageReader(FirmwareContract contract) {
    this.contract = contract;
  }

  @Override
  public DeviceIdentity read(Path folder) throws IOException {
    byte[] certificate = file(folder, Esp8266TempPackageWriter.CERT);
    byte[] key = file(folder, Esp8266TempPackageWriter.KEY);
    Map<String, Object> config = config(folder);
    for (String required : REQUIRED) {
      if (!config.containsKey(required)) {
        throw new IOException("config.json lacks the required key '" + required + "'");
      }
    }
    String thingName = text(config, "thing_name");
    String endpoint = text(config, "endpoint");
    String topic = text(config, "topic");
    text(config, "wifi_ssid");
    if (!(config.get("wifi_password") instanceof String)) {
      throw new IOException("config.json: 'wifi_password' must be a string");
    }
    int port = whole(config, "port", 1, 65535);
    config.putIfAbsent("keepalive_s", contract.settings().get("keepalive_s"));
    int keepalive = whole(config, "keepalive_s", MIN_KEEPALIVE, MAX_KEEPALIVE);
    return new DeviceIdentity(thingName, endpoint, port, topic, keepalive, certificate, key);
  }

  /**
   * {@code json.dumps({"temperature": t})} as MicroPython writes it after the firmware's {@code
   * round(t, 2)}: a space after each colon and comma, and a float's repr (always a decimal point).
   */
  @Override
  public byte[] payload(Map<String, BigDecimal> values) {
    StringJoiner json = new StringJoiner(", ", "{", "}");
    values.forEach((measure, value) -> json.add("\"" + measure + "\": " + floatRepr(value)));
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String floatRepr(BigDecimal value) {
    BigDecimal rounded = value.setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return rounded.scale() <= 0
        ? rounded.setScale(1, RoundingMode.UNNECESSARY).toPlainString()
        : rounded.toPlainString();
  }

  private static byte[] file(Path folder, String name) throws IOException {
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

  /** The top-level scalars of config.json; nested values are skipped (the firmware uses none). */
  private static Map<String, Object> config(Path folder) throws IOException {
    return new HashMap<>(ConfigJson.read(file(folder, Esp8266TempPackageWriter.CONFIG)));
  }

  private static String text(Map<String, Object> config, String key) throws IOException {
    if (config.get(key) instanceof String s && !s.isEmpty()) {
      return s;
    }
    throw new IOException("config.json: '" + key + "' must be a non-empty string");
  }

  private static int whole(Map<String, Object> config, String key, int min, int max)
      throws IOException {
    Object value = config.get(key);
    if (value instanceof Integer i && i >= min && i <= max) {
      return i;
    }
    throw new IOException(
        "config.json: '" + key + "' must be a whole number within " + min + ".." + max);
  }
}
