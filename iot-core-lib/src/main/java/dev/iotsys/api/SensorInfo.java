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
 * @param keyPresent whether {@code keyFolder} holds the private key of the thing's certificate
 * @param packageFolder where its device package belongs (empty for a type without packages)
 * @param packagePresent whether a complete device package is there
 */
public record SensorInfo(
    String name,
    String typeId,
    List<Certificate> certificates,
    Path keyFolder,
    boolean keyPresent,
    java.util.Optional<Path> packageFolder,
    boolean packagePresent) {

  /**
   * Creates the info; the list is copied.
   *
   * @param name the thing name
   * @param typeId the sensor type
   * @param certificates the certificates attached to the thing
   * @param keyFolder where its private key belongs
   * @param keyPresent whether the folder holds the private key of the thing's certificate
   * @param packageFolder where its device package belongs, when the type has packages
   * @param packagePresent whether a complete device package is there
   */
  public SensorInfo {
    certificates = List.copyOf(certificates);
  }

  /**
   * One certificate of a sensor.
   *
   * @param id the certificate id
   * @param status its status, e.g. {@code ACTIVE}
   */
  public record Certificate(String id, String status) {}
}
