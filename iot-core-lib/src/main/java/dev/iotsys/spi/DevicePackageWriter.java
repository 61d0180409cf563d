package dev.iotsys.spi;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the files a device of one sensor type is flashed with. The sensor module owns the files'
 * names and formats: it gets the certificate and key as JDK types ({@link DevicePackage}) and
 * encodes them as its board reads them ({@link KeyFormats}); the core only decides when a package
 * is written and where.
 */
public interface DevicePackageWriter {

  /**
   * Writes the package into {@link DevicePackage#folder()}, creating it when needed. Files whose
   * content is already right are left alone, so writing twice changes nothing. Each file should be
   * replaced atomically and kept private: {@link PrivateFiles} does both. Settings the package
   * holds already are kept unless {@link DevicePackage#settings()} names them, and a file edited by
   * hand is never replaced silently: it is kept, and a note says what differs, unless {@link
   * DevicePackage#overwrite()}.
   *
   * @param devicePackage what goes into the package
   * @return whether any file changed, and what the user should know
   * @throws IOException when a file cannot be written; its message, as that of an {@link
   *     IllegalArgumentException} or {@link IllegalStateException} (a key of an algorithm the board
   *     cannot read, a trust store without the CA the board needs), is shown to the user: it names
   *     files and settings, never a file's content
   */
  PackageWrite write(DevicePackage devicePackage) throws IOException;

  /**
   * Whether the folder holds a complete package (every file present). Reads only.
   *
   * @param folder the package folder
   * @return true when every file of the package is there
   */
  boolean isComplete(Path folder);

  /**
   * Writes the sensor's alert thresholds into its existing package, for boards that publish at once
   * when a reading crosses one ({@code iotsys alerts set} calls it). Boards whose firmware does not
   * compare thresholds keep their package as it is.
   *
   * @param folder the package folder
   * @param thresholds by measure name: {@code above} and {@code below} in the measure's unit,
   *     either absent; an empty map means none
   * @return whether the package changed, so that the board must be flashed again; false when the
   *     folder holds no package or the type's boards take no thresholds
   * @throws IOException when the package cannot be read or written
   */
  default boolean writeThresholds(
      Path folder, java.util.Map<String, java.util.Map<String, java.math.BigDecimal>> thresholds)
      throws IOException {
    return false;
  }
}
