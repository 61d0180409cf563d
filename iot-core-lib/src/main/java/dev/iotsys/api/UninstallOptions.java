package dev.iotsys.api;

/**
 * What an uninstall may do beyond removing the IoT side.
 *
 * @param removeSensors remove the type's sensors first (as {@code sensor remove}); without it an
 *     uninstall refuses while sensors exist
 * @param deleteData delete the tables and the database, and with them every reading; without it
 *     they stay
 * @param waitForThingTypes wait out AWS's 5 minutes between deprecating and deleting a thing type;
 *     without it the thing type is left deprecated and reported as pending
 * @param dryRun only read, and report what would go
 */
public record UninstallOptions(
    boolean removeSensors, boolean deleteData, boolean waitForThingTypes, boolean dryRun) {}
