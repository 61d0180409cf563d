package dev.iotsys.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.spi.Der;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyGenerationTest {
  @Test
  void get_handsOutEachKeyMadeAheadOnce_thenMakesMoreOnTheSpot() {
    Set<BigInteger> moduli = new HashSet<>();
    try (KeyGeneration keys = KeyGeneration.start(2)) {
      for (int i = 0; i < 3; i++) {
        moduli.add(modulus(keys.get()));
      }
    }
    assertEquals(3, moduli.size());
  }

  @Test
  void get_ofAKeyThatCloseStopped_failsInsteadOfWaiting() {
    int threads = Runtime.getRuntime().availableProcessors();
    KeyGeneration keys = KeyGeneration.start(threads + 10);
    keys.close();
    // At most one key per thread was under way when close() came; the next one never started.
    assertThrows(
        IllegalStateException.class,
        () -> {
          for (int i = 0; i <= threads; i++) {
            keys.get();
          }
        });
  }

  private static BigInteger modulus(DeviceKey key) {
    return Der.read(key.pkcs1Der()).children().get(1).integer();
  }
}
