package dev.iotsys.spi;

import java.util.List;

/**
 * What writing a device package did.
 *
 * @param changed whether any file was created or changed
 * @param notes what the user should know, one phrase each: e.g. a file edited by hand that was
 *     kept; never a file's content (it may hold the Wi-Fi password)
 */
public record PackageWrite(boolean changed, List<String> notes) {
  /**
   * Creates a result; the list is copied.
   *
   * @param changed whether any file was created or changed
   * @param notes what the user should know
   */
  public PackageWrite {
    notes = List.copyOf(notes);
  }
}
