package dev.iotsys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SinceTest {

  @ParameterizedTest
  @CsvSource({"90s, PT1M30S", "30m, PT30M", "24h, PT24H", "7d, PT168H"})
  void parse_readsEachUnit(String text, Duration expected) {
    assertThat(Since.parse(text).duration()).isEqualTo(expected);
  }

  @Test
  void toString_dropsLeadingZeros() {
    assertThat(Since.parse("007d")).hasToString("7d");
    assertThat(Since.parse("007d")).isEqualTo(Since.parse("7d"));
  }

  @Test
  void default_isTheLast24Hours() {
    assertThat(Since.DEFAULT.duration()).isEqualTo(Duration.ofHours(24));
  }

  @ParameterizedTest
  @ValueSource(strings = {"60s", "1m", "3650d", "87600h", "5256000m"})
  void parse_atTheBounds_accepts(String text) {
    assertThat(Since.parse(text).toString()).isEqualTo(text);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "24",
        "h",
        "24 h",
        " 24h",
        "-1h",
        "+1h",
        "1.5h",
        "24H",
        "1w",
        "2ms",
        "24h)",
        "24h; DROP TABLE x",
        "ago(24h)",
        "1h'",
        "\u0661h"
      })
  void parse_whenNotANumberAndAUnit_rejectsWithTheUsage(String text) {
    assertThatThrownBy(() -> Since.parse(text))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageEndingWith("': use a number and s, m, h or d, e.g. 24h")
        .hasMessageStartingWith("Invalid --since '");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0s",
        "59s",
        "0m",
        "0h",
        "0d",
        "3651d",
        "87601h",
        "999999999d",
        "1234567890d",
        "99999999999d",
        "99999999999999999999999999s"
      })
  void parse_whenOutsideOneMinuteTo3650Days_rejects(String text) {
    assertThatThrownBy(() -> Since.parse(text))
        .isInstanceOfSatisfying(
            IotsysException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessage(
            "Invalid --since '" + text + "': use a window from 1 minute (1m) to 3650 days (3650d)");
  }

  @Test
  void parse_whenInputHasControlCharacters_showsThemEscaped() {
    assertThatThrownBy(() -> Since.parse("1h\n"))
        .hasMessageStartingWith("Invalid --since '1h\\u000a'");
  }
}
