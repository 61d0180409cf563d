package dev.iotsys.api;

import java.nio.file.Path;
import java.util.List;

/**
 * A sensor iotsys manages, as {@code sensor list} shows it.
 *
 * @param name the thing name
 * @param typeId the sensor type (the thing type)
 * @param certificates the certificates attached to the thing
 * @param keyFolder where its private key belongs
 * @param keyState what {@code keyFolder} holds: the thing's key, or why not
 * @param packageFolder where its device package belongs (empty for a type without packages)
 * @param packagePresent whether a complete device package is there
 * @param publishEvery how many readings its board keeps before it connects ({@code
 *     --publish-every}, 1 unless {@code sensor add} recorded another)
 * @param expectedInterval how often its readings arrive: its type's reading interval times {@code
 *     publishEvery}, as a burst of kept readings
 */
public record SensorInfo(
    String name,
    String typeId,
    List<Certificate> certificates,
    Path keyFolder,
    KeyState keyState,
    java.util.Optional<Path> packageFolder,
    boolean packagePresent,
    int publishEvery,
    java.time.Duration expectedInterval) {

  /**
   * Creates the info; the list is copied.
   *
   * @param name the thing name
   * @param typeId the sensor type
   * @param certificates the certificates attached to the thing
   * @param keyFolder where its private key belongs
   * @param keyState what the folder holds: the thing's key, or why not
   * @param packageFolder where its device package belongs, when the type has packages
   * @param packagePresent whether a complete device package is there
   * @param publishEvery how many readings its board keeps before it connects
   * @param expectedInterval how often its readings arrive
   */
  public SensorInfo {
    certificates = List.copyOf(certificates);
  }

  /**
   * Whether the key folder holds a usable key of the thing's certificate.
   *
   * @return true when {@link #keyState()} is usable
   */
  public boolean keyPresent() {
    return keyState.usable();
  }

  /**
   * Whether the sensor can work from this home: one active certificate, its key here intact, and
   * its device package complete (for a type that has packages).
   *
   * @return true when nothing is missing
   */
  public boolean healthy() {
    return certificates.size() == 1
        && "ACTIVE".equals(certificates.get(0).status())
        && keyState == KeyState.PRESENT
        && (packageFolder.isEmpty() || packagePresent);
  }

  /**
   * One certificate of a sensor.
   *
   * @param id the certificate id
   * @param status its status, e.g. {@code ACTIVE}
   */
  public record Certificate(String id, String status) {}
}
