package dev.iotsys.api;

/**
 * What a sensor's private key folder ({@code certificates/NAME/} under the home) holds, as {@code
 * sensor list} and {@code status} report it. Only {@link #PRESENT} is healthy.
 */
public enum KeyState {
  /** The key is there, both copies (DER and PEM) intact, and it certifies the thing. */
  PRESENT,
  /**
   * The key is there and certifies the thing, but one of its two copies is missing or damaged;
   * {@code sensor add} rewrites it from the intact one.
   */
  INCOMPLETE,
  /** No key file at all: the sensor was provisioned from another home folder, or its key lost. */
  ABSENT,
  /** A key file or its folder exists but cannot be read (permissions, a symbolic link). */
  UNREADABLE,
  /** A key file is there but holds no usable key (truncated, edited, two different keys). */
  CORRUPT,
  /** The key is readable but certifies none of the thing's certificates. */
  MISMATCHED;

  /**
   * Whether a usable key that certifies the thing is on this machine.
   *
   * @return true for {@link #PRESENT} and {@link #INCOMPLETE}
   */
  public boolean usable() {
    return this == PRESENT || this == INCOMPLETE;
  }
}
