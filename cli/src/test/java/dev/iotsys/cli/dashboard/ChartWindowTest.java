package dev.iotsys.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChartWindowTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

  @Test
  void of_aPreset_endsNow_andWithoutOneIsTheLastDay() {
    assertEquals(
        new ChartWindow(NOW.minus(Duration.ofDays(365)), NOW, "365d"),
        ChartWindow.of("window=365d", NOW));
    assertEquals(
        new ChartWindow(NOW.minus(Duration.ofHours(24)), NOW, "24h"), ChartWindow.of(null, NOW));
  }

  @Test
  void of_fromAndTo_takesThemAsGiven() {
    ChartWindow w = ChartWindow.of("from=2026-01-01T00%3A00%3A00Z&to=2026-01-08T00:00:00Z", NOW);

    assertEquals(Instant.parse("2026-01-01T00:00:00Z"), w.from());
    assertEquals(Instant.parse("2026-01-08T00:00:00Z"), w.to());
  }

  @Test
  void of_anythingElse_isInvalidInputInOneLine() {
    for (String query :
        new String[] {
          "window=2d",
          "from=2026-01-01T00:00:00Z",
          "from=yesterday&to=today",
          "window=7d&from=x&to=y"
        }) {
      IotsysException e = assertThrows(IotsysException.class, () -> ChartWindow.of(query, NOW));
      assertEquals(ErrorKind.INVALID_INPUT, e.kind());
      assertThat(e.getMessage()).startsWith("Invalid window: ").doesNotContain("\n");
    }
  }
}
