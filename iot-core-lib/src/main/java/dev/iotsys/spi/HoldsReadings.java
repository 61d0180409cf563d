package dev.iotsys.spi;

/**
 * Marks a resource that holds readings (a table, a database): uninstall deletes it only when the
 * user asks for the readings to go, and reports it as kept otherwise.
 */
public interface HoldsReadings {}
