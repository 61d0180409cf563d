package dev.iotsys.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text in columns as wide as their widest cell, two spaces apart; the last column is not
 * padded. For output printed once it is complete (a list, a status), not for lines streamed as they
 * happen.
 */
final class TextTable {
  private final List<String[]> rows = new ArrayList<>();

  TextTable row(String... cells) {
    rows.add(cells);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  List<String> lines() {
    int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < row.length - 1; i++) {
        width[i] = Math.max(width[i], row[i].codePointCount(0, row[i].length()));
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        b.append(row[i]);
        if (i < row.length - 1) {
          b.append(" ".repeat(width[i] - row[i].codePointCount(0, row[i].length()) + 2));
        }
      }
      lines.add(b.toString().stripTrailing());
    }
    return lines;
  }

  void print(PrintStream out) {
    lines().forEach(out::println);
  }
}
