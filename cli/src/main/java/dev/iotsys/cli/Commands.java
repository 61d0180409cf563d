package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Suggestion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.cli.Option;

/**
 * Every command of the command line, and how the words a user typed select one: the command whose
 * words are the longest match, a group (the first word of several commands, e.g. {@code sensor}),
 * or nothing, with the closest command as a hint.
 */
final class Commands {
  private final List<Command> all;

  Commands(List<Command> all) {
    this.all = List.copyOf(all);
  }

  List<Command> all() {
    return all;
  }

  /** What the leading words select. */
  sealed interface Selection permits Found, Group {}

  /** A command, followed by its parameters. */
  record Found(Command command) implements Selection {}

  /** The first word of several commands, and no more of one of them. */
  record Group(String word, List<Command> commands) implements Selection {}

  /**
   * The command the words select; a group when they name one and no command of it; otherwise an
   * input error that names the closest command.
   *
   * @param words the positional words from the start of the command line
   */
  Selection select(List<String> words) {
    Command best = null;
    for (Command c : all) {
      List<String> w = c.words();
      if (words.size() >= w.size()
          && words.subList(0, w.size()).equals(w)
          && (best == null || w.size() > best.words().size())) {
        best = c;
      }
    }
    if (best != null) {
      return new Found(best);
    }
    if (!words.isEmpty()) {
      List<Command> group = group(words.get(0));
      if (!group.isEmpty() && words.size() == 1) {
        return new Group(words.get(0), group);
      }
    }
    throw unknown(words);
  }

  /** The commands whose first word is this one, when they have more than one word. */
  List<Command> group(String word) {
    return all.stream().filter(c -> c.words().size() > 1 && c.words().get(0).equals(word)).toList();
  }

  /** The first words of every command, each once: what may start a command line. */
  Set<String> firstWords() {
    Set<String> words = new LinkedHashSet<>();
    all.forEach(c -> words.add(c.words().get(0)));
    return words;
  }

  private IotsysException unknown(List<String> words) {
    String typed = String.join(" ", words.subList(0, Math.min(words.size(), 2)));
    List<String> names = new ArrayList<>();
    all.forEach(c -> names.add(c.name()));
    Optional<String> hint =
        Suggestion.closest(typed, names).or(() -> Suggestion.closest(words.get(0), firstWords()));
    return new IotsysException(
        ErrorKind.INVALID_INPUT,
        "Unknown command '"
            + IotsysException.shown(typed)
            + "'"
            + hint.map(h -> "; did you mean '" + h + "'?").orElse("")
            + " ('iotsys help' lists the commands)");
  }

  /** The commands other than {@code command} that take an option of this long name. */
  List<Command> takingOption(String longName, Command command) {
    List<Command> found = new ArrayList<>();
    for (Command c : all) {
      if (c != command
          && c.options().getOptions().stream().map(Option::getLongOpt).anyMatch(longName::equals)) {
        found.add(c);
      }
    }
    return found;
  }
}
