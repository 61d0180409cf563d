package dev.iotsys.cli;

import dev.iotsys.api.ApiCalls;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The last line of a command's text output: how many items, what became of them, AWS calls. */
final class Summary {
  private Summary() {}

  /** {@code 1 sensor}, {@code 2 sensors}: a count with its noun in the right number. */
  static String count(long n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }

  /**
   * E.g. {@code install: 7 resources, 7 created (AWS calls: 8 read, 9 write)}.
   *
   * @param command the command's name
   * @param items the items counted, e.g. {@code 7 resources}
   * @param kind the outcome type, which orders the counts
   * @param outcomes one outcome per item
   * @param calls the command's AWS calls
   * @param dryRun whether nothing was changed
   */
  static <E extends Enum<E>> String line(
      String command,
      String items,
      Class<E> kind,
      List<E> outcomes,
      ApiCalls calls,
      boolean dryRun) {
    Map<E, Integer> counts = new EnumMap<>(kind);
    outcomes.forEach(o -> counts.merge(o, 1, Integer::sum));
    StringBuilder b = new StringBuilder(command).append(": ").append(items);
    counts.forEach(
        (outcome, n) ->
            b.append(", ")
                .append(n)
                .append(' ')
                .append(outcome.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
    b.append(" (AWS calls: ")
        .append(calls.read())
        .append(" read, ")
        .append(calls.write())
        .append(" write)");
    if (dryRun) {
      b.append("; dry run, nothing was changed");
    }
    return b.toString();
  }
}
