package dev.iotsys.spi;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a device package back the way the device's firmware reads it, and writes a message the way
 * the firmware does. {@code iotsys sensor test} uses it to stand in for a board: the same files,
 * the same settings and defaults, the same key and trust, the same TLS versions, the same bytes on
 * the wire. The package's file names and formats are the reader's business: the core sees only what
 * {@link #read} returns.
 */
public interface DevicePackageReader {

  /**
   * Reads what the device connects with from a package folder. Settings the package leaves out take
   * the firmware's defaults; values the firmware would refuse are refused here too.
   *
   * @param folder the package folder, as {@link DevicePackageWriter#write} made it
   * @return what the device connects and publishes with
   * @throws java.nio.file.NoSuchFileException when a file of the package is missing (its message
   *     names the file)
   * @throws IOException when a file cannot be read or holds what the firmware would refuse; the
   *     message names the file and the setting, never a setting's value (the package holds the
   *     Wi-Fi password)
   */
  DeviceConnection read(Path folder) throws IOException;

  /**
   * The message the firmware publishes for one reading, byte for byte.
   *
   * @param values one exact value per measure of the sensor type, by measure name, in the type's
   *     order; the firmware's rounding is the reader's to apply
   * @return the message's payload
   */
  byte[] payload(Map<String, BigDecimal> values);
}
