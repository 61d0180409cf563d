package dev.iotsys.cli;

import dev.iotsys.api.Home;
import java.util.List;
import java.util.Optional;

/**
 * When sensors exist in AWS but none of their keys is in this home, the likeliest cause is a
 * command run from the wrong folder: a note says which home was used, how it was chosen, and how to
 * point at the right one (standard error, so JSON on standard output stays one document).
 */
final class HomeHint {
  private static final int SHOWN = 5;

  private HomeHint() {}

  /**
   * @param absent the sensors whose key folder is absent in this home
   * @param sensors how many sensors there are in all
   * @return the note, when every sensor's key is absent here
   */
  static Optional<String> keysAbsent(List<String> absent, int sensors, Home home) {
    if (absent.isEmpty() || absent.size() < sensors) {
      return Optional.empty();
    }
    String names =
        String.join(", ", absent.subList(0, Math.min(SHOWN, absent.size())))
            + (absent.size() > SHOWN ? " and " + (absent.size() - SHOWN) + " more" : "");
    return Optional.of(
        "iotsys: note: no key of "
            + names
            + " in the home "
            + home.describe()
            + "; if they were added from another folder, "
            + Home.howToPointElsewhere());
  }
}
