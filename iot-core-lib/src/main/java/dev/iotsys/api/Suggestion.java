package dev.iotsys.api;

import java.util.Collection;
import java.util.Optional;

/**
 * The known word closest to a mistyped one, for "did you mean" hints: the command line uses it for
 * commands and options, the library for sensor types and stores.
 */
public final class Suggestion {
  private Suggestion() {}

  /**
   * The closest candidate, when one is close enough to be a likely typo: at most two edits
   * (insertions, deletions, substitutions, adjacent swaps) and fewer than half the typed length.
   *
   * @param typed what the user typed
   * @param candidates the words that exist
   * @return the closest word, or empty when none is close
   */
  public static Optional<String> closest(String typed, Collection<String> candidates) {
    if (typed == null || typed.isEmpty()) {
      return Optional.empty();
    }
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(typed, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int allowed = Math.min(2, Math.max(1, (typed.length() - 1) / 2));
    return best != null && bestDistance > 0 && bestDistance <= allowed
        ? Optional.of(best)
        : Optional.empty();
  }

  /**
   * A hint to append to a message, e.g. {@code "; did you mean 'install'?"}, or nothing.
   *
   * @param typed what the user typed
   * @param candidates the words that exist
   * @return the hint, or an empty string
   */
  public static String hint(String typed, Collection<String> candidates) {
    return closest(typed, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  /** Optimal string alignment distance: Levenshtein plus swaps of adjacent characters. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
