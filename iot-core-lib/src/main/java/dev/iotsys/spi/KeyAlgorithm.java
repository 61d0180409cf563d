package dev.iotsys.spi;

/**
 * The key pair a device is made with on this machine, before AWS IoT certifies it from a CSR. AWS
 * IoT accepts RSA keys of 2048 bits or more and EC keys on the NIST P-256 and P-384 curves; these
 * are the two the boards iotsys knows can use.
 */
public enum KeyAlgorithm {
  /** RSA with a 2048-bit modulus: every TLS stack reads it (some, such as axTLS, only this). */
  RSA_2048("rsa", "RSA 2048", "RSA"),
  /**
   * ECDSA on NIST P-256 (secp256r1): a small key and a fast handshake, for stacks such as mbedTLS.
   */
  EC_P256("ec", "EC P-256", "EC");

  private final String id;
  private final String description;
  private final String jcaName;

  KeyAlgorithm(String id, String description, String jcaName) {
    this.id = id;
    this.description = description;
    this.jcaName = jcaName;
  }

  /**
   * The short name users give, as {@code sensor add --key ec}.
   *
   * @return {@code rsa} or {@code ec}
   */
  public String id() {
    return id;
  }

  /**
   * How people call it, e.g. {@code EC P-256}.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * The JDK's name for the algorithm of keys of this kind ({@link
   * java.security.Key#getAlgorithm()}).
   *
   * @return {@code RSA} or {@code EC}
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * The algorithm with the given short name.
   *
   * @param id {@code rsa} or {@code ec}
   * @return the algorithm
   * @throws IllegalArgumentException when no algorithm has that name
   */
  public static KeyAlgorithm of(String id) {
    for (KeyAlgorithm a : values()) {
      if (a.id.equals(id)) {
        return a;
      }
    }
    throw new IllegalArgumentException("no key algorithm " + id);
  }
}
