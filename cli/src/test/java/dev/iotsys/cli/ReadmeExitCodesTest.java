package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.SensorTestResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's exit codes are the ones the code returns: its "Exit codes" table, read here as a
 * user reads it, lists 0 and exactly the codes of {@link ErrorKind}, each once, in order; and its
 * {@code sensor test} table gives each link the code the link fails with.
 */
class ReadmeExitCodesTest {
  private static final Pattern CODE_ROW = Pattern.compile("\\|\\s*(\\d+)\\s*\\|\\s*(.+?)\\s*\\|");
  private static final Pattern LINK_ROW = Pattern.compile("\\|\\s*`([a-z-]+)` \\((\\d+)\\)\\s*\\|");

  private static List<String> readme() throws IOException {
    return Files.readAllLines(Path.of("..", "README.md"));
  }

  /** The table rows that follow a heading, up to the first line that is not a table row. */
  private static List<String> tableAfter(List<String> lines, String heading) {
    int at = lines.indexOf(heading);
    assertThat(at).as("the README has a heading '%s'", heading).isNotNegative();
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : lines.subList(at + 1, lines.size())) {
      if (line.startsWith("|")) {
        inTable = true;
        rows.add(line);
      } else if (inTable) {
        break;
      }
    }
    return rows;
  }

  @Test
  void exitCodeTable_listsZeroAndExactlyTheCodesOfErrorKind_eachOnceInOrder() throws IOException {
    List<Integer> documented = new ArrayList<>();
    Map<Integer, String> meanings = new TreeMap<>();
    for (String row : tableAfter(readme(), "### Exit codes")) {
      Matcher m = CODE_ROW.matcher(row);
      if (m.lookingAt()) {
        int code = Integer.parseInt(m.group(1));
        documented.add(code);
        meanings.put(code, m.group(2));
      }
    }
    List<Integer> returned = new ArrayList<>(List.of(0));
    for (ErrorKind kind : ErrorKind.values()) {
      returned.add(kind.exitCode());
    }
    assertThat(documented)
        .as("the README's codes, in its order")
        .isSorted()
        .doesNotHaveDuplicates();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(returned);
    assertThat(meanings.values()).allSatisfy(meaning -> assertThat(meaning).isNotBlank());
  }

  @Test
  void sensorTestLinkTable_givesEachLinkTheCodeItFailsWith() throws IOException {
    Map<String, Integer> documented = new LinkedHashMap<>();
    for (String row : tableAfter(readme(), "### Testing a sensor before flashing it")) {
      Matcher m = LINK_ROW.matcher(row);
      if (m.lookingAt()) {
        documented.put(m.group(1), Integer.parseInt(m.group(2)));
      }
    }
    Map<String, Integer> code = new LinkedHashMap<>();
    for (SensorTestResult.Link link : SensorTestResult.Link.values()) {
      code.put(link.id(), link.failure().exitCode());
    }
    assertThat(documented)
        .as("the README's links, in a board's order")
        .containsExactlyEntriesOf(code);
  }
}
