package dev.iotsys.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.api.ApiCalls;
import dev.iotsys.api.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

  @Test
  void counts_sayOneInTheSingularAndEveryOtherNumberInThePlural() {
    assertThat(Summary.count(0, "sensor")).isEqualTo("0 sensors");
    assertThat(Summary.count(1, "sensor")).isEqualTo("1 sensor");
    assertThat(Summary.count(2, "problem")).isEqualTo("2 problems");
  }

  @Test
  void theSummaryLine_countsEachOutcomeInTheOrderOfItsKind() {
    String line =
        Summary.line(
            "install",
            Summary.count(3, "resource"),
            Outcome.class,
            List.of(Outcome.UNCHANGED, Outcome.CREATED, Outcome.UNCHANGED),
            new ApiCalls(4, 1),
            false);
    assertThat(line)
        .isEqualTo("install: 3 resources, 1 created, 2 unchanged (AWS calls: 4 read, 1 write)");
  }
}
