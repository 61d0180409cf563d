package dev.iotsys.cli;

import dev.iotsys.api.ErrorKind;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.commons.cli.Option;

/** The help texts, made from the command definitions: the whole tool, a group, one command. */
final class Help {
  private final Commands commands;

  Help(Commands commands) {
    this.commands = commands;
  }

  /** {@code iotsys --help}: the commands, the global options, the exit codes. */
  void all(PrintStream out) {
    out.println("usage: iotsys [global options] COMMAND [options]");
    out.println();
    out.println(
        "Runs a personal fleet of IoT sensors on AWS; every command converges, has a dry run"
            + " or only reads.");
    out.println();
    out.println("commands:");
    table(out, commands.all().stream().map(c -> new String[] {c.name(), c.summary()}).toList());
    out.println();
    out.println("global options (before or after the command):");
    options(out, GlobalOptions.options().getOptions());
    out.println();
    out.println(
        "'iotsys help COMMAND' or 'iotsys COMMAND --help' shows a command's options,"
            + " examples and exit codes.");
    out.println();
    out.println("exit codes:");
    exitCodes(out, List.of(ErrorKind.values()));
  }

  /** {@code iotsys sensor}: the commands of a group. */
  void group(PrintStream out, Commands.Group group) {
    out.println("usage: iotsys " + group.word() + " COMMAND [options]");
    out.println();
    out.println("commands:");
    table(
        out,
        group.commands().stream()
            .map(c -> new String[] {c.name() + " " + c.parameters(), c.summary()})
            .toList());
    out.println();
    out.println(
        "'iotsys help "
            + group.word()
            + " COMMAND' shows a command's options, examples"
            + " and exit codes.");
  }

  /** {@code iotsys help install}: synopsis, own options, examples, exit codes. */
  void command(PrintStream out, Command c) {
    out.println(
        "usage: iotsys "
            + c.name()
            + (c.parameters().isEmpty() ? "" : " " + c.parameters())
            + (c.helpOptions().getOptions().isEmpty() ? "" : " [options]"));
    out.println();
    out.println(Character.toUpperCase(c.summary().charAt(0)) + c.summary().substring(1) + ".");
    if (!c.helpOptions().getOptions().isEmpty()) {
      out.println();
      out.println("options:");
      options(out, c.helpOptions().getOptions());
    }
    if (!c.helpNotes().isEmpty()) {
      out.println();
      c.helpNotes().forEach(n -> wrap(n, WIDTH).forEach(out::println));
    }
    out.println();
    wrap(
            "global options: "
                + String.join(
                    ", ",
                    GlobalOptions.options().getOptions().stream()
                        .map(o -> "--" + o.getLongOpt())
                        .toList())
                + " ('iotsys --help')",
            WIDTH)
        .forEach(out::println);
    if (!c.examples().isEmpty()) {
      out.println();
      out.println("examples:");
      c.examples().forEach(e -> out.println("  " + e));
    }
    out.println();
    out.println("exit codes:");
    exitCodes(out, c.exitCodes());
  }

  private static void options(PrintStream out, Collection<Option> options) {
    List<String[]> rows = new ArrayList<>();
    for (Option o : options) {
      String name =
          (o.getOpt() == null ? "" : "-" + o.getOpt() + ", ")
              + "--"
              + o.getLongOpt()
              + (o.hasArg() ? " " + o.getArgName() : "");
      rows.add(new String[] {name, o.getDescription()});
    }
    table(out, rows);
  }

  private static void exitCodes(PrintStream out, List<ErrorKind> kinds) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"0", "done, or nothing to do"});
    kinds.forEach(k -> rows.add(new String[] {Integer.toString(k.exitCode()), k.summary()}));
    table(out, rows);
  }

  /** The width help texts keep to. */
  static final int WIDTH = 100;

  /**
   * Two columns, the first as wide as its widest cell (at most a third of the width), the second
   * wrapped at word boundaries to keep within {@link #WIDTH}.
   */
  private static void table(PrintStream out, List<String[]> rows) {
    int width = Math.min(WIDTH / 3, rows.stream().mapToInt(r -> r[0].length()).max().orElse(0));
    String indent = " ".repeat(width + 4);
    for (String[] row : rows) {
      List<String> lines = wrap(row[1], WIDTH - width - 4);
      String first = "  " + row[0];
      if (row[0].length() > width) {
        out.println(first);
        first = indent.substring(2);
      } else {
        first += " ".repeat(width - row[0].length());
      }
      out.println(first + "  " + lines.get(0));
      lines.subList(1, lines.size()).forEach(l -> out.println(indent + l));
    }
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
    return lines;
  }
}
