package dev.iotsys.internal.sensor.local;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a sensor's local files live, under one home folder: {@code certificates/NAME/} for the
 * private key and certificate, {@code sensor-TYPE/sensors/NAME/} for the device package (the sensor
 * module's folder in the repository, as the original project laid it out).
 */
public record SensorFolders(Path home, String described) {
  public static final String CERTIFICATES = "certificates";

  public SensorFolders(Path home) {
    this(home, home.toAbsolutePath().toString());
  }

  /** Where a folder of this home is, for a message that did not find what it needed there. */
  public String whereLooked(Path folder) {
    return show(folder) + " of the home " + described;
  }

  /** How to point a command at the home that has the sensor's files. */
  public static String pointElsewhere() {
    return "If the sensor's files are in another home, "
        + dev.iotsys.api.Home.howToPointElsewhere()
        + ".";
  }

  public KeyFolder keys(String thingName) {
    return new KeyFolder(home.resolve(CERTIFICATES).resolve(thingName));
  }

  public Path devicePackage(String typeId, String thingName) {
    return home.resolve("sensor-" + typeId).resolve("sensors").resolve(thingName);
  }

  /** A path as users see it: relative to the home folder. */
  public String show(Path path) {
    Path relative = home.toAbsolutePath().relativize(path.toAbsolutePath());
    return relative.toString().isEmpty() ? "." : relative.toString();
  }

  /**
   * Refuses a folder reached through a symbolic link inside the home: a write would land in the
   * link's target, and a delete would remove only the link and leave the keys and the Wi-Fi
   * password in the target.
   */
  public void requireNoLink(Path folder) {
    Path root = home.toAbsolutePath().normalize();
    Path target = folder.toAbsolutePath().normalize();
    if (!target.startsWith(root)) {
      return;
    }
    Path p = root;
    for (Path part : root.relativize(target)) {
      p = p.resolve(part);
      if (Files.isSymbolicLink(p)) {
        throw new IotsysException(
            ErrorKind.PRECONDITION,
            show(p)
                + " is a symbolic link;"
                + " iotsys writes and deletes keys and device packages only in real folders inside"
                + " the home: replace the link with the folder itself (nothing was changed)");
      }
    }
  }
}
