package dev.iotsys.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionTest {
  private static final List<String> COMMANDS =
      List.of("install", "uninstall", "status", "data", "sensor add", "sensor remove");

  @ParameterizedTest
  @CsvSource({
    "instal, install",
    "isntall, install",
    "statsu, status",
    "sensor ad, sensor add",
    "dtaa, data",
    "unistall, uninstall"
  })
  void closest_findsTheWordATypoWasMeantToBe(String typed, String meant) {
    assertThat(Suggestion.closest(typed, COMMANDS)).contains(meant);
  }

  @ParameterizedTest
  @CsvSource({"frobnicate", "x", "install", "sensorremoveall"})
  void closest_suggestsNothingForAFarWordOrTheWordItself(String typed) {
    assertThat(Suggestion.closest(typed, COMMANDS)).isEmpty();
  }

  @Test
  void hint_isAPhraseToAppend_orNothing() {
    assertThat(Suggestion.hint("esp8266tmp", List.of("esp8266temp")))
        .isEqualTo("; did you mean 'esp8266temp'?");
    assertThat(Suggestion.hint("weather", List.of("esp8266temp"))).isEmpty();
  }

  @Test
  void distance_countsAnAdjacentSwapAsOneEdit() {
    assertThat(Suggestion.distance("ab", "ba")).isEqualTo(1);
    assertThat(Suggestion.distance("kitten", "sitting")).isEqualTo(3);
  }
}
