package dev.iotsys.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Iotsys#addSensors} should add. Its {@link #toString()} hides the Wi-Fi password.
 *
 * @param typeId the sensor type's id, e.g. {@code attictemp}
 * @param names the thing names, each {@code [a-zA-Z0-9:_-]{1,128}}; duplicates count once
 * @param wifiSsid the Wi-Fi network the devices join (1 to 32 bytes as UTF-8)
 * @param wifiPassword the WPA2 passphrase (8 to 63 characters), or a raw WPA2 key of 64 hex digits,
 *     or empty for an open network; written only into device packages
 * @param newCertificate make a new key pair and a certificate for it even when the thing has one,
 *     and retire the old certificates once the new one is active (the new key replaces the old one
 *     only then); needed when a key is lost or leaked, or to take over a sensor provisioned from
 *     another home, whose certificate is then retired
 * @param dryRun only read and report what would be done; write nothing, locally or in AWS
 * @param deviceSettings device settings for this run, by name (see {@link
 *     SensorTypeInfo#deviceSettings()}), as the user wrote them; a package keeps the ones it has
 *     for those not named; {@code key} picks the algorithm of the keys this run makes
 * @param overwritePackage replace package files edited by hand instead of keeping them
 */
public record AddSensorsRequest(
    String typeId,
    List<String> names,
    String wifiSsid,
    String wifiPassword,
    boolean newCertificate,
    boolean dryRun,
    Map<String, String> deviceSettings,
    boolean overwritePackage) {

  /**
   * Creates a request; the names are copied, without duplicates, in the order given.
   *
   * @param typeId the sensor type's id; required
   * @param names the thing names; null means none
   * @param wifiSsid the Wi-Fi network the devices join
   * @param wifiPassword the WPA2 passphrase or key, or empty for an open network
   * @param newCertificate whether to make a new key and certificate and retire the old ones
   * @param dryRun whether to only read and report what would be done
   * @param deviceSettings device settings for this run, by name; null means none
   * @param overwritePackage whether to replace package files edited by hand
   */
  public AddSensorsRequest {
    Objects.requireNonNull(typeId, "typeId");
    names = names == null ? List.of() : names.stream().distinct().toList();
    deviceSettings =
        deviceSettings == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(deviceSettings));
  }

  /**
   * A request without device settings, keeping package files edited by hand.
   *
   * @param typeId the sensor type's id; required
   * @param names the thing names; null means none
   * @param wifiSsid the Wi-Fi network the devices join
   * @param wifiPassword the WPA2 passphrase or key, or empty for an open network
   * @param newCertificate whether to make a new key and certificate and retire the old ones
   * @param dryRun whether to only read and report what would be done
   */
  public AddSensorsRequest(
      String typeId,
      List<String> names,
      String wifiSsid,
      String wifiPassword,
      boolean newCertificate,
      boolean dryRun) {
    this(typeId, names, wifiSsid, wifiPassword, newCertificate, dryRun, Map.of(), false);
  }

  @Override
  public String toString() {
    return "AddSensorsRequest[typeId="
        + typeId
        + ", names="
        + names
        + ", wifiSsid="
        + wifiSsid
        + ", wifiPassword=(hidden), newCertificate="
        + newCertificate
        + ", dryRun="
        + dryRun
        + ", deviceSettings="
        + deviceSettings
        + ", overwritePackage="
        + overwritePackage
        + "]";
  }
}
