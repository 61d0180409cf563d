package dev.iotsys.spi;

/**
 * How long a table keeps readings.
 *
 * @param memoryHours hours in the fast memory store, 1 to 8766
 * @param magneticDays days in the magnetic store, 1 to 73000
 */
public record Retention(long memoryHours, long magneticDays) {
  /**
   * Validates the limits Timestream accepts.
   *
   * @param memoryHours hours in the fast memory store, 1 to 8766
   * @param magneticDays days in the magnetic store, 1 to 73000
   * @throws IllegalArgumentException when a value is out of range
   */
  public Retention {
    if (memoryHours < 1 || memoryHours > 8766) {
      throw new IllegalArgumentException("memoryHours must be 1..8766: " + memoryHours);
    }
    if (magneticDays < 1 || magneticDays > 73000) {
      throw new IllegalArgumentException("magneticDays must be 1..73000: " + magneticDays);
    }
  }
}
