package dev.iotsys.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link JsonDocuments#differences}: where two policy documents differ, place by place. */
class JsonDocumentsTest {
  @Test
  void differences_whenTheWantedListIsLonger_namesTheSameElementsChangeAndTheNewOneAsNone() {
    assertThat(
            JsonDocuments.differences(
                "{\"Statement\":[{\"Action\":\"a:*\"}]}",
                "{\"Statement\":[{\"Action\":\"a:Get\"},{\"Action\":\"b:Put\"}]}"))
        .containsExactly(
            "Statement[0].Action: \"a:*\" \u2192 \"a:Get\"",
            "Statement[1]: none \u2192 {\"Action\":\"b:Put\"}");
  }

  @Test
  void differences_whenTheCurrentListIsLonger_namesTheExtraElementAsGoing() {
    assertThat(
            JsonDocuments.differences(
                "{\"Statement\":[{\"Action\":\"a:Get\"},{\"Action\":\"x:*\"}]}",
                "{\"Statement\":[{\"Action\":\"a:Get\"}]}"))
        .containsExactly("Statement[1]: {\"Action\":\"x:*\"} \u2192 none");
  }

  @Test
  void differences_whenMoreThanThreePlacesDiffer_namesThreeAndCountsTheRest() {
    assertThat(JsonDocuments.differences("{\"L\":[1,2,3,4,5]}", "{\"L\":[]}"))
        .containsExactly(
            "L[0]: 1 \u2192 none", "L[1]: 2 \u2192 none", "L[2]: 3 \u2192 none", "and 2 more");
  }
}
