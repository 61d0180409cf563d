package dev.iotsys.internal.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.internal.Names;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SensorInputTest {

  @ParameterizedTest
  @ValueSource(strings = {"kitchen", "a", "Room:1_b-2"})
  void thingName_withinAwsRule_isAccepted(String name) {
    assertEquals(name, Names.thingName(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "slash/x", "dot.x", "ümlaut"})
  void thingName_outsideAwsRule_isInvalidInput(String name) {
    IotsysException e = assertThrows(IotsysException.class, () -> Names.thingName(name));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
  }

  @Test
  void thingName_of129Characters_isInvalidInput() {
    assertThrows(IotsysException.class, () -> Names.thingName("x".repeat(129)));
    assertEquals(128, Names.thingName("x".repeat(128)).length());
  }

  @Test
  void ssid_over32Bytes_isInvalid_evenWhenFewerCharacters() {
    assertEquals("x".repeat(32), SensorInput.ssid("x".repeat(32)));
    assertThrows(IotsysException.class, () -> SensorInput.ssid("x".repeat(33)));
    // 17 characters, 34 bytes in UTF-8.
    IotsysException e = assertThrows(IotsysException.class, () -> SensorInput.ssid("é".repeat(17)));
    assertThat(e.getMessage()).contains("34 bytes");
  }

  @Test
  void password_outside8To63Characters_isRefused_withoutShowingIt() {
    assertEquals("12345678", SensorInput.password("12345678"));
    assertEquals("p".repeat(63), SensorInput.password("p".repeat(63)));
    IotsysException shortOne =
        assertThrows(IotsysException.class, () -> SensorInput.password("s3cr&t!"));
    assertThat(shortOne.getMessage()).contains("7 characters").doesNotContain("s3cr&t!");
    IotsysException longOne =
        assertThrows(IotsysException.class, () -> SensorInput.password("q".repeat(64)));
    assertThat(longOne.getMessage()).doesNotContain("qqqq");
  }
}
