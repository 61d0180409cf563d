package dev.iotsys.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void printable_escapesEveryCharacterATerminalActsOn() {
    String shown = Names.printable("a\u001b[31mb\u009bc\u202ed\u2028e\u0000");
    assertEquals("a\\u001b[31mb\\u009bc\\u202ed\\u2028e\\u0000", shown);
  }

  @Test
  void printable_cutsALongValue_andSaysHowLongItWas() {
    String shown = Names.printable("x".repeat(5000));
    assertThat(shown)
        .startsWith("x".repeat(Names.SHOWN_MAX) + "...")
        .endsWith("(5000 characters)")
        .hasSizeLessThan(Names.SHOWN_MAX + 30);
  }

  @Test
  void printable_keepsOrdinaryTextAsItIs() {
    assertEquals("Küche 21°C", Names.printable("Küche 21°C"));
    assertEquals("", Names.printable(null));
  }
}
