package dev.iotsys.internal.sensor;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.internal.KeySetting;
import dev.iotsys.internal.Names;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks what a user gives before any AWS call or file write, so bad input creates nothing. No
 * message ever contains the Wi-Fi password.
 */
final class SensorInput {
  /** AWS IoT's thing name rule. */
  /** IEEE 802.11: an SSID is at most 32 bytes. */
  static final int SSID_MAX_BYTES = 32;

  /** WPA2-Personal passphrases are 8 to 63 characters. */
  static final int PASSWORD_MIN = 8;

  static final int PASSWORD_MAX = 63;

  private SensorInput() {}

  static List<String> names(List<String> names) {
    if (names == null || names.isEmpty()) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "Missing sensor NAME");
    }
    names.forEach(Names::thingName);
    return names;
  }

  static String ssid(String ssid) {
    if (ssid == null || ssid.isEmpty()) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "Missing --wifi-ssid SSID");
    }
    int bytes = ssid.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > SSID_MAX_BYTES) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Wi-Fi SSID '"
              + Names.printable(ssid)
              + "' is "
              + bytes
              + " bytes long; an SSID has at most "
              + SSID_MAX_BYTES
              + " bytes");
    }
    return ssid;
  }

  /** A raw WPA2 pre-shared key: 64 hex digits, which the boards' Wi-Fi takes as the key itself. */
  static final int RAW_KEY_LENGTH = 64;

  /**
   * A WPA2 passphrase (8 to 63 characters), a raw key (64 hex digits), or empty: an open network.
   * Null means none was given.
   */
  static String password(String password) {
    if (password == null) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "Missing Wi-Fi password");
    }
    if (password.isEmpty()) {
      return password;
    }
    int length = password.codePointCount(0, password.length());
    if (length == RAW_KEY_LENGTH && password.matches("[0-9a-fA-F]{64}")) {
      return password;
    }
    if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "The Wi-Fi password has "
              + length
              + (length == 1 ? " character" : " characters")
              + "; a WPA2 passphrase has "
              + PASSWORD_MIN
              + " to "
              + PASSWORD_MAX
              + " (or give the raw key as "
              + RAW_KEY_LENGTH
              + " hex digits, or --wifi-open for an open network)");
    }
    return password;
  }

  /**
   * The device settings given, each one the type takes ({@code --key} among them when the type
   * offers a choice) and parsed as the type says; anything else is an input error that names the
   * option.
   */
  static java.util.Map<String, Object> deviceSettings(
      dev.iotsys.spi.SensorType type, java.util.Map<String, String> given) {
    java.util.Map<String, dev.iotsys.spi.DeviceSetting> known = new java.util.LinkedHashMap<>();
    KeySetting.withKey(type).forEach(d -> known.put(d.name(), d));
    java.util.Map<String, Object> parsed = new java.util.LinkedHashMap<>();
    given.forEach(
        (name, text) -> {
          dev.iotsys.spi.DeviceSetting setting = known.get(name);
          if (setting == null) {
            throw new IotsysException(
                ErrorKind.INVALID_INPUT,
                "Sensor type "
                    + type.id()
                    + " takes no --"
                    + Names.printable(name)
                    + dev.iotsys.api.Suggestion.hint(name, known.keySet())
                    + (known.isEmpty()
                        ? "; it takes no device settings"
                        : "; it takes --" + String.join(", --", known.keySet())));
          }
          try {
            parsed.put(name, setting.parse(text));
          } catch (IllegalArgumentException e) {
            throw new IotsysException(
                ErrorKind.INVALID_INPUT,
                "Invalid --" + name + " '" + Names.printable(text) + "': " + e.getMessage());
          }
        });
    return parsed;
  }

  /** The parsed settings the type's package writer gets: all but the core's own {@code --key}. */
  static java.util.Map<String, Object> packageSettings(java.util.Map<String, Object> parsed) {
    java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>(parsed);
    settings.remove(KeySetting.NAME);
    return settings;
  }
}
