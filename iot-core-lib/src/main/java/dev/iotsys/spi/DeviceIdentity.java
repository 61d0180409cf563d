package dev.iotsys.spi;

import java.util.Objects;

/**
 * What a device connects and publishes with, as its package gives it: read back by a {@link
 * DevicePackageReader} so that {@code iotsys sensor test} can act as the device. Its {@link
 * #toString()} shows no key.
 *
 * @param thingName the IoT thing name, also the MQTT client id
 * @param endpoint the host the device connects to
 * @param port the MQTT over TLS port
 * @param topic the topic the device publishes to
 * @param keepaliveSeconds the MQTT keepalive the device sends in its CONNECT
 * @param certificateDer the device certificate, X.509 DER
 * @param privateKeyDer the device's RSA private key, PKCS#1 {@code RSAPrivateKey} DER
 */
public record DeviceIdentity(
    String thingName,
    String endpoint,
    int port,
    String topic,
    int keepaliveSeconds,
    byte[] certificateDer,
    byte[] privateKeyDer) {

  /**
   * Creates the description; the byte arrays are copied.
   *
   * @param thingName the IoT thing name, also the MQTT client id
   * @param endpoint the host the device connects to
   * @param port the MQTT over TLS port
   * @param topic the topic the device publishes to
   * @param keepaliveSeconds the MQTT keepalive the device sends in its CONNECT
   * @param certificateDer the device certificate, X.509 DER
   * @param privateKeyDer the device's RSA private key, PKCS#1 DER
   */
  public DeviceIdentity {
    Objects.requireNonNull(thingName, "thingName");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(topic, "topic");
    certificateDer = certificateDer.clone();
    privateKeyDer = privateKeyDer.clone();
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
    return "DeviceIdentity[thingName="
        + thingName
        + ", endpoint="
        + endpoint
        + ", port="
        + port
        + ", topic="
        + topic
        + ", keepaliveSeconds="
        + keepaliveSeconds
        + "]";
  }
}
