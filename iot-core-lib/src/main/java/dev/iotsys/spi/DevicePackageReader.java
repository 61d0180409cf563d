package dev.iotsys.spi;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a device package back the way the device's firmware reads it, and writes a message the way
 * the firmware does. {@code iotsys sensor test} uses it to stand in for a board: the same files,
 * the same settings and defaults, the same bytes on the wire.
 */
public interface DevicePackageReader {

  /**
   * Reads the identity and connection settings from a package folder. Settings the package leaves
   * out take the firmware's defaults; values the firmware would refuse are refused here too.
   *
   * @param folder the package folder, as {@link DevicePackageWriter#write} made it
   * @return what the device connects and publishes with
   * @throws java.nio.file.NoSuchFileException when a file of the package is missing (its message
   *     names the file)
   * @throws IOException when a file cannot be read or holds what the firmware would refuse; the
   *     message names the file and the setting, never a setting's value (the package holds the
   *     Wi-Fi password)
   */
  DeviceIdentity read(Path folder) throws IOException;

  /**
   * The message the firmware publishes for one reading, byte for byte.
   *
   * @param values one value per measure of the sensor type, by measure name, in the type's order
   * @return the message's payload
   */
  byte[] payload(Map<String, BigDecimal> values);
}
