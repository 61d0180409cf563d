package dev.iotsys.sensor.micropython;

import dev.iotsys.spi.DeviceConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a board reads from its {@code config.json} to connect, checked as the firmware's {@code
 * settings.py} checks it: the required keys in the order it names them, the optional ones at the
 * contract's defaults. Messages name the file and the key, never a value: the file holds the Wi-Fi
 * password.
 *
 * @param thingName the thing name, the MQTT client id
 * @param endpoint the host
 * @param port the MQTT over TLS port
 * @param topic the topic
 * @param keepaliveSeconds the MQTT keepalive
 */
public record DeviceConfig(
    String thingName, String endpoint, int port, String topic, int keepaliveSeconds) {

  /** The keepalive range AWS IoT accepts, which every firmware's settings.py enforces. */
  public static final int MIN_KEEPALIVE = 30;

  public static final int MAX_KEEPALIVE = 1200;

  /**
   * Reads and checks a package's settings file.
   *
   * @param folder the package folder
   * @param name the settings file's name, e.g. {@code config.json}
   * @param contract the firmware's contract, for the optional settings' defaults
   * @return the settings
   * @throws IOException when the file is missing, unreadable, or holds what the firmware refuses
   */
  public static DeviceConfig read(Path folder, String name, FirmwareContract contract)
      throws IOException {
    // ConfigJson's messages name config.json, the settings file of every MicroPython type.
    Map<String, Object> config = new HashMap<>(ConfigJson.read(PackageFolder.file(folder, name)));
    for (String required : PackageFolder.REQUIRED) {
      if (!config.containsKey(required)) {
        throw new IOException(name + " lacks the required key '" + required + "'");
      }
    }
    String thingName = text(config, name, "thing_name");
    String endpoint = text(config, name, "endpoint");
    String topic = text(config, name, "topic");
    text(config, name, "wifi_ssid");
    if (!(config.get("wifi_password") instanceof String)) {
      throw new IOException(name + ": 'wifi_password' must be a string");
    }
    int port = whole(config, name, "port", 1, 65535);
    config.putIfAbsent("keepalive_s", contract.settings().get("keepalive_s"));
    int keepalive = whole(config, name, "keepalive_s", MIN_KEEPALIVE, MAX_KEEPALIVE);
    return new DeviceConfig(thingName, endpoint, port, topic, keepalive);
  }

  /**
   * What the board connects with: these settings, and the credentials and TLS of its type.
   *
   * @param chain the device's certificate chain, its own first
   * @param key its private key
   * @param trustAnchors the CA certificates the board checks the server against; none when it
   *     checks no server
   * @param tlsVersions the TLS versions the board speaks
   * @return the connection, offering no ALPN (the boards connect on port 8883)
   */
  public DeviceConnection connection(
      List<X509Certificate> chain,
      PrivateKey key,
      List<X509Certificate> trustAnchors,
      List<String> tlsVersions) {
    return new DeviceConnection(
        thingName,
        endpoint,
        port,
        Optional.empty(),
        topic,
        keepaliveSeconds,
        chain,
        key,
        trustAnchors,
        tlsVersions);
  }

  private static String text(Map<String, Object> config, String file, String key)
      throws IOException {
    if (config.get(key) instanceof String s && !s.isEmpty()) {
      return s;
    }
    throw new IOException(file + ": '" + key + "' must be a non-empty string");
  }

  private static int whole(Map<String, Object> config, String file, String key, int min, int max)
      throws IOException {
    Object value = config.get(key);
    if (value instanceof Integer i && i >= min && i <= max) {
      return i;
    }
    throw new IOException(
        file + ": '" + key + "' must be a whole number within " + min + ".." + max);
  }
}
