package dev.iotsys.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.spi.KeyAlgorithm;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyGenerationTest {
  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void get_handsOutEachKeyMadeAheadOnce_thenMakesMoreOnTheSpot_ofTheAlgorithmAsked(
      KeyAlgorithm algorithm) {
    Set<BigInteger> keys = new HashSet<>();
    try (KeyGeneration generation = KeyGeneration.start(2, algorithm)) {
      for (int i = 0; i < 3; i++) {
        DeviceKey key = generation.get();
        assertEquals(algorithm, key.algorithm());
        assertEquals(algorithm.jcaName(), key.privateKey().getAlgorithm());
        keys.add(new BigInteger(1, key.privateKey().getEncoded()));
      }
    }
    assertEquals(3, keys.size());
  }

  @Test
  void get_ofAKeyThatCloseStopped_failsInsteadOfWaiting() {
    int threads = Runtime.getRuntime().availableProcessors();
    KeyGeneration keys = KeyGeneration.start(threads + 10, KeyAlgorithm.RSA_2048);
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
}
