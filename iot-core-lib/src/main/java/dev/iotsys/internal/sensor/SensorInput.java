package dev.iotsys.internal.sensor;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
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
      throw new IotsysException(ErrorKind.INVALID_INPUT, "Wi-Fi SSID '" + Names.printable(ssid)
          + "' is " + bytes + " bytes long; an SSID has at most " + SSID_MAX_BYTES + " bytes");
    }
    return ssid;
  }

  static String password(String password) {
    if (password == null || password.isEmpty()) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "Missing Wi-Fi password");
    }
    int length = password.codePointCount(0, password.length());
    if (length < PASSWORD_MIN || length > PASSWORD_MAX) {
      throw new IotsysException(ErrorKind.INVALID_INPUT, "The Wi-Fi password has " + length
          + " characters; a WPA2 password has " + PASSWORD_MIN + " to " + PASSWORD_MAX);
    }
    return password;
  }
}
