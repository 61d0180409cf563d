package dev.iotsys.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.cli.Option;

/**
 * Shell completion scripts, written from the command definitions: command words, each command's
 * options, the global options, and the values some options take.
 */
final class Completion {
  private final Commands commands;
  private final List<String> sensorTypes;

  Completion(Commands commands, List<String> sensorTypes) {
    this.commands = commands;
    this.sensorTypes = List.copyOf(sensorTypes);
  }

  /** A bash script: {@code source <(iotsys completion bash)}. */
  String bash() {
    List<Option> globals = new ArrayList<>(GlobalOptions.options().getOptions());
    Set<String> takingValue = new LinkedHashSet<>();
    globals.stream().filter(Option::hasArg).forEach(o -> takingValue.add("--" + o.getLongOpt()));
    commands
        .all()
        .forEach(
            c ->
                c.options().getOptions().stream()
                    .filter(Option::hasArg)
                    .forEach(o -> takingValue.add("--" + o.getLongOpt())));
    String globalWords =
        String.join(" ", globals.stream().map(o -> "--" + o.getLongOpt()).toList());

    StringBuilder b = new StringBuilder();
    b.append("# iotsys completion for bash: source <(iotsys completion bash)\n");
    // Sensor names come from the home's own folders (key folders and device packages), found as
    // iotsys finds the home: no JVM and no AWS call while the user waits for a completion.
    b.append("_iotsys_sensors() {\n");
    b.append("  local home=\"${IOTSYS_HOME:-}\" d f i\n");
    b.append("  for ((i = 1; i < COMP_CWORD; i++)); do\n");
    b.append("    case \"${COMP_WORDS[i]}\" in\n");
    b.append("      --home) home=\"${COMP_WORDS[i+1]}\" ;;\n");
    b.append("      --home=*) home=\"${COMP_WORDS[i]#--home=}\" ;;\n");
    b.append("    esac\n");
    b.append("  done\n");
    b.append("  if [ -z \"$home\" ]; then\n");
    b.append("    d=$PWD\n");
    b.append("    while [ \"$d\" != / ] && [ ! -f \"$d/.iotsys/settings.json\" ]; do\n");
    b.append("      d=$(dirname \"$d\")\n");
    b.append("    done\n");
    b.append("    if [ -f \"$d/.iotsys/settings.json\" ]; then home=$d; else home=$PWD; fi\n");
    b.append("  fi\n");
    b.append("  for f in \"$home\"/certificates/*/ \"$home\"/sensor-*/sensors/*/; do\n");
    b.append("    [ -d \"$f\" ] && basename \"$f\"\n");
    b.append("  done | sort -u\n");
    b.append("}\n");
    b.append("_iotsys() {\n");
    b.append("  local cur prev i w words=\"\" skip=0\n");
    b.append("  cur=\"${COMP_WORDS[COMP_CWORD]}\"\n");
    b.append("  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
    b.append(
        "  # The command's words so far: the words that are neither options nor their values.\n");
    b.append("  for ((i = 1; i < COMP_CWORD; i++)); do\n");
    b.append("    w=\"${COMP_WORDS[i]}\"\n");
    b.append("    if [ \"$skip\" = 1 ]; then skip=0; continue; fi\n");
    b.append("    case \"$w\" in\n");
    b.append("      ").append(String.join("|", takingValue)).append(") skip=1 ;;\n");
    b.append("      -*) ;;\n");
    b.append("      *) words=\"${words:+$words }$w\" ;;\n");
    b.append("    esac\n");
    b.append("  done\n");
    b.append("  case \"$prev\" in\n");
    b.append("    --output) COMPREPLY=($(compgen -W \"text json csv\" -- \"$cur\")); return ;;\n");
    b.append(
        "    --store) COMPREPLY=($(compgen -W \"dynamodb timestream\" -- \"$cur\")); return ;;\n");
    b.append("    --home|--ca-file) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n");
    b.append("  esac\n");
    b.append("  case \"$words\" in\n");
    TreeMap<String, Set<String>> next = new TreeMap<>();
    for (Command c : commands.all()) {
      List<String> w = c.words();
      for (int i = 0; i < w.size(); i++) {
        next.computeIfAbsent(String.join(" ", w.subList(0, i)), k -> new LinkedHashSet<>())
            .add(w.get(i));
      }
    }
    for (Command c : commands.all()) {
      List<String> options = new ArrayList<>();
      c.options().getOptions().forEach(o -> options.add("--" + o.getLongOpt()));
      String candidates = String.join(" ", options) + " " + globalWords;
      if (c.parameters().startsWith("TYPE") || c.parameters().startsWith("[TYPE]")) {
        b.append("    \"").append(c.name()).append("\")\n");
        b.append("      COMPREPLY=($(compgen -W \"")
            .append(String.join(" ", sensorTypes))
            .append(" ")
            .append(candidates)
            .append(takesSensorNames(c) ? " $(_iotsys_sensors)" : "")
            .append("\" -- \"$cur\")) ;;\n");
      }
      b.append("    \"").append(c.name()).append("\"*)\n");
      b.append("      COMPREPLY=($(compgen -W \"")
          .append(candidates)
          .append(takesSensorNames(c) ? " $(_iotsys_sensors)" : "")
          .append("\" -- \"$cur\")) ;;\n");
    }
    next.descendingMap()
        .forEach(
            (prefix, words) -> {
              b.append("    \"").append(prefix).append("\")\n");
              b.append("      COMPREPLY=($(compgen -W \"")
                  .append(String.join(" ", words))
                  .append(prefix.isEmpty() ? " " + globalWords : "")
                  .append("\" -- \"$cur\")) ;;\n");
            });
    b.append("  esac\n");
    b.append("}\n");
    b.append("complete -o default -F _iotsys iotsys\n");
    return b.toString();
  }

  /** Whether the command's parameters name sensors ({@code NAME} or {@code NAME...}). */
  private static boolean takesSensorNames(Command c) {
    for (String word : c.parameters().split(" ")) {
      if (word.equals("NAME") || word.equals("NAME...")) {
        return true;
      }
    }
    return false;
  }

  /** A zsh script: bash's, through zsh's bashcompinit. */
  String zsh() {
    return "#compdef iotsys\n"
        + "# iotsys completion for zsh: source <(iotsys completion zsh)\n"
        + "autoload -U +X compinit && compinit\n"
        + "autoload -U +X bashcompinit && bashcompinit\n"
        + bash();
  }
}
