package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.io.IOException;

/** A write into the home's key folder or package folder, whose failure names what was written. */
@FunctionalInterface
public interface LocalWrite {
  void run() throws IOException;

  /** Runs the write; a failure becomes one sentence that starts with {@code what}. */
  static void write(LocalWrite w, String what) {
    try {
      w.run();
    } catch (IOException e) {
      throw failed(what, e);
    }
  }

  /** The failure of a local write, as the user reads it. */
  static IotsysException failed(String what, IOException e) {
    return new IotsysException(ErrorKind.INTERNAL, what + ": " + e.getMessage(), e);
  }
}
