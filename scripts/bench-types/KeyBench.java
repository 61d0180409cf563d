import dev.iotsys.internal.crypto.DeviceKey;
import dev.iotsys.spi.KeyAlgorithm;

/**
 * The cost of a device key of each algorithm in one JVM, as sensor add makes it: the first key
 * (cold: the JIT has compiled nothing yet) and the median of the next 21. Prints one line each:
 * ALGORITHM FIRST_MS MEDIAN_MS.
 */
public class KeyBench {
  public static void main(String[] args) {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      long start = System.nanoTime();
      DeviceKey.generate(algorithm);
      long first = System.nanoTime() - start;
      long[] times = new long[21];
      for (int i = 0; i < times.length; i++) {
        long s = System.nanoTime();
        DeviceKey.generate(algorithm);
        times[i] = System.nanoTime() - s;
      }
      java.util.Arrays.sort(times);
      System.out.printf(
          "%s %.1f %.1f%n", algorithm.description().replace(' ', '_'), first / 1e6, times[10] / 1e6);
    }
  }
}
