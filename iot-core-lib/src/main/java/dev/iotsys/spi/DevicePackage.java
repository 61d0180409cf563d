package dev.iotsys.spi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything a device needs to connect and publish, handed to a {@link DevicePackageWriter}. Its
 * {@link #toString()} shows neither the Wi-Fi password nor the key.
 *
 * @param thingName the IoT thing name, also the MQTT client id
 * @param endpoint the account's {@code iot:Data-ATS} endpoint host
 * @param port the MQTT over TLS port (8883)
 * @param topic the topic the device publishes to, e.g. {@code esp8266temp/kitchen}
 * @param wifiSsid the Wi-Fi network name
 * @param wifiPassword the Wi-Fi password, as given; empty for an open network
 * @param certificateDer the device certificate, X.509 DER
 * @param privateKeyDer the device's RSA private key, PKCS#1 {@code RSAPrivateKey} DER
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
    byte[] certificateDer,
    byte[] privateKeyDer,
    Path folder,
    java.util.Map<String, Object> settings,
    boolean overwrite) {

  /**
   * Creates a package description; the byte arrays are copied.
   *
   * @param thingName the IoT thing name, also the MQTT client id
   * @param endpoint the account's {@code iot:Data-ATS} endpoint host
   * @param port the MQTT over TLS port
   * @param topic the topic the device publishes to
   * @param wifiSsid the Wi-Fi network name
   * @param wifiPassword the Wi-Fi password, as given
   * @param certificateDer the device certificate, X.509 DER
   * @param privateKeyDer the device's RSA private key, PKCS#1 DER
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
    Objects.requireNonNull(folder, "folder");
    certificateDer = certificateDer.clone();
    privateKeyDer = privateKeyDer.clone();
    settings = java.util.Map.copyOf(settings);
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
   * @param certificateDer the device certificate, X.509 DER
   * @param privateKeyDer the device's RSA private key, PKCS#1 DER
   * @param folder the folder the package goes into; it may not exist yet
   */
  public DevicePackage(
      String thingName,
      String endpoint,
      int port,
      String topic,
      String wifiSsid,
      String wifiPassword,
      byte[] certificateDer,
      byte[] privateKeyDer,
      Path folder) {
    this(
        thingName,
        endpoint,
        port,
        topic,
        wifiSsid,
        wifiPassword,
        certificateDer,
        privateKeyDer,
        folder,
        java.util.Map.of(),
        false);
  }

  /**
   * The certificate, X.509 DER (a copy).
   *
   * @return a copy of the certificate's bytes, which the caller may change
   */
  @Override
  public byte[] certificateDer() {
    return certificateDer.clone();
  }

  /**
   * The private key, PKCS#1 DER (a copy).
   *
   * @return a copy of the key's bytes, which the caller may change
   */
  @Override
  public byte[] privateKeyDer() {
    return privateKeyDer.clone();
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
        + ", wifiPassword=(hidden), folder="
        + folder
        + ", settings="
        + settings
        + ", overwrite="
        + overwrite
        + "]";
  }
}
