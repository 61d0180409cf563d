package dev.iotsys.internal.sensor;

import java.nio.file.Path;

/**
 * Where a sensor's local files live, under one home folder: {@code certificates/NAME/} for the
 * private key and certificate, {@code sensor-TYPE/sensors/NAME/} for the device package (the
 * sensor module's folder in the repository, as the original project laid it out).
 */
record SensorFolders(Path home) {

  KeyFolder keys(String thingName) {
    return new KeyFolder(home.resolve("certificates").resolve(thingName));
  }

  Path devicePackage(String typeId, String thingName) {
    return home.resolve("sensor-" + typeId).resolve("sensors").resolve(thingName);
  }

  /** A path as users see it: relative to the home folder. */
  String show(Path path) {
    Path relative = home.toAbsolutePath().relativize(path.toAbsolutePath());
    return relative.toString().isEmpty() ? "." : relative.toString();
  }
}
