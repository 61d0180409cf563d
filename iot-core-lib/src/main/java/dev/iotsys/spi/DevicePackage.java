package dev.iotsys.spi;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a device needs to connect and publish, handed to a {@link DevicePackageWriter}: the
 * certificate and key as JDK types, which the writer encodes as its board reads them ({@link
 * KeyFormats}). Its {@link #toString()} shows neither the Wi-Fi password nor the key.
 *
 * @param thingName the IoT thing name, also the MQTT client id
 * @param endpoint the account's {@code iot:Data-ATS} endpoint host
 * @param port the MQTT over TLS port (8883)
 * @param topic the topic the device publishes to, e.g. {@code attictemp/kitchen}
 * @param wifiSsid the Wi-Fi network name
 * @param wifiPassword the Wi-Fi password, as given; empty for an open network
 * @param certificateChain the device certificate AWS IoT issued for the key, first; then any
 *     intermediates
 * @param privateKey the device's private key, of an algorithm its type declares ({@link
 *     SensorType#keyAlgorithms()})
 * @param folder the folder the package goes into; it may not exist yet
 * @param settings the device settings the user gave for this run, by {@link DeviceSetting#name()},
 *     parsed; the others stay as the package has them
 * @param overwrite replace files edited by hand instead of keeping them
 */
public record DevicePackage(
    String thingName,
    String endpoint,
    int port,
    String topic,
    String wifiSsid,
    String wifiPassword,
    List<X509Certificate> certificateChain,
    PrivateKey privateKey,
    Path folder,
    Map<String, Object> settings,
    boolean overwrite) {

  /**
   * Creates a package description; the list and the map are copied.
   *
   * @param thingName the IoT thing name, also the MQTT client id
   * @param endpoint the account's {@code iot:Data-ATS} endpoint host
   * @param port the MQTT over TLS port
   * @param topic the topic the device publishes to
   * @param wifiSsid the Wi-Fi network name
   * @param wifiPassword the Wi-Fi password, as given
   * @param certificateChain the device certificate first, at least one
   * @param privateKey the device's private key
   * @param folder the folder the package goes into; it may not exist yet
   * @param settings the device settings given for this run, by name
   * @param overwrite replace files edited by hand instead of keeping them
   */
  public DevicePackage {
    Objects.requireNonNull(thingName, "thingName");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(wifiSsid, "wifiSsid");
    Objects.requireNonNull(wifiPassword, "wifiPassword");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(folder, "folder");
    certificateChain = List.copyOf(certificateChain);
    if (certificateChain.isEmpty()) {
      throw new IllegalArgumentException("a device package holds a certificate");
    }
    settings = Map.copyOf(settings);
  }

  /**
   * A package with no device settings given and hand edits kept.
   *
   * @param thingName the IoT thing name, also the MQTT client id
   * @param endpoint the account's {@code iot:Data-ATS} endpoint host
   * @param port the MQTT over TLS port
   * @param topic the topic the device publishes to
   * @param wifiSsid the Wi-Fi network name
   * @param wifiPassword the Wi-Fi password, as given
   * @param certificate the device certificate
   * @param privateKey the device's private key
   * @param folder the folder the package goes into; it may not exist yet
   */
  public DevicePackage(
      String thingName,
      String endpoint,
      int port,
      String topic,
      String wifiSsid,
      String wifiPassword,
      X509Certificate certificate,
      PrivateKey privateKey,
      Path folder) {
    this(
        thingName,
        endpoint,
        port,
        topic,
        wifiSsid,
        wifiPassword,
        List.of(certificate),
        privateKey,
        folder,
        Map.of(),
        false);
  }

  /**
   * The device's own certificate: the first of the chain.
   *
   * @return the certificate
   */
  public X509Certificate certificate() {
    return certificateChain.get(0);
  }

  @Override
  public String toString() {
    return "DevicePackage[thingName="
        + thingName
        + ", endpoint="
        + endpoint
        + ", port="
        + port
        + ", topic="
        + topic
        + ", wifiSsid="
        + wifiSsid
        + ", wifiPassword=(hidden), certificate="
        + certificate().getSubjectX500Principal()
        + ", key="
        + privateKey.getAlgorithm()
        + ", folder="
        + folder
        + ", settings="
        + settings
        + ", overwrite="
        + overwrite
        + "]";
  }
}
