package dev.iotsys.spi;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a device connects and publishes with, as its package gives it, in JDK types: read back by a
 * {@link DevicePackageReader} so that {@code iotsys sensor test} can act as the board, with the
 * board's own key, certificate, trust and TLS versions. Its {@link #toString()} shows no key.
 *
 * @param clientId the MQTT client id, which is the IoT thing name
 * @param endpoint the host the device connects to
 * @param port the MQTT over TLS port
 * @param alpn the ALPN protocol the device offers in its TLS handshake, if any
 * @param topic the topic the device publishes to
 * @param keepaliveSeconds the MQTT keepalive the device sends in its CONNECT
 * @param certificateChain the device's certificate first, then any intermediates it sends
 * @param privateKey the device's private key (RSA or EC)
 * @param trustAnchors the CA certificates the board checks the server against, with the server's
 *     name; empty when the board checks no server certificate at all
 * @param tlsVersions the TLS versions the board speaks, as the JDK names them (e.g. {@code
 *     TLSv1.2}), at least one
 */
public record DeviceConnection(
    String clientId,
    String endpoint,
    int port,
    Optional<String> alpn,
    String topic,
    int keepaliveSeconds,
    List<X509Certificate> certificateChain,
    PrivateKey privateKey,
    List<X509Certificate> trustAnchors,
    List<String> tlsVersions) {

  /**
   * Creates the description; the lists are copied.
   *
   * @param clientId the MQTT client id, which is the IoT thing name
   * @param endpoint the host the device connects to
   * @param port the MQTT over TLS port
   * @param alpn the ALPN protocol the device offers, if any
   * @param topic the topic the device publishes to
   * @param keepaliveSeconds the MQTT keepalive the device sends
   * @param certificateChain the device's certificate first, at least one
   * @param privateKey the device's private key
   * @param trustAnchors the CA certificates the board trusts; empty when it checks no server
   * @param tlsVersions the TLS versions the board speaks, at least one
   */
  public DeviceConnection {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(alpn, "alpn");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(privateKey, "privateKey");
    certificateChain = List.copyOf(certificateChain);
    trustAnchors = List.copyOf(trustAnchors);
    tlsVersions = List.copyOf(tlsVersions);
    if (certificateChain.isEmpty()) {
      throw new IllegalArgumentException("a device connects with a certificate");
    }
    if (tlsVersions.isEmpty() || !tlsVersions.stream().allMatch(v -> v.matches("TLSv1\\.[23]"))) {
      throw new IllegalArgumentException("TLS versions TLSv1.2 and/or TLSv1.3: " + tlsVersions);
    }
  }

  /**
   * The device's own certificate: the first of the chain.
   *
   * @return the certificate
   */
  public X509Certificate certificate() {
    return certificateChain.get(0);
  }

  /**
   * Whether the board checks the server's certificate (against {@link #trustAnchors()}, and its
   * name against the endpoint).
   *
   * @return true when it has trust anchors
   */
  public boolean checksServer() {
    return !trustAnchors.isEmpty();
  }

  @Override
  public String toString() {
    return "DeviceConnection[clientId="
        + clientId
        + ", endpoint="
        + endpoint
        + ", port="
        + port
        + ", alpn="
        + alpn
        + ", topic="
        + topic
        + ", keepaliveSeconds="
        + keepaliveSeconds
        + ", certificate="
        + certificate().getSubjectX500Principal()
        + ", key="
        + privateKey.getAlgorithm()
        + ", trustAnchors="
        + trustAnchors.size()
        + ", tlsVersions="
        + tlsVersions
        + "]";
  }
}
