package dev.iotsys.api;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Iotsys#removeSensors} should remove.
 *
 * @param typeId when present, only things of this sensor type are removed
 * @param names the thing names; duplicates count once
 * @param keepFiles keep the local key folder and device package
 * @param dryRun only read and report what would be done
 */
public record RemoveSensorsRequest(
    Optional<String> typeId, List<String> names, boolean keepFiles, boolean dryRun) {

  /**
   * Creates a request; the names are copied, without duplicates, in the order given.
   *
   * @param typeId when present, only things of this sensor type are removed; null means any type
   * @param names the thing names; null means none
   * @param keepFiles whether to keep the local key folder and device package
   * @param dryRun whether to only read and report what would be done
   */
  public RemoveSensorsRequest {
    typeId = typeId == null ? Optional.empty() : typeId;
    names = names == null ? List.of() : names.stream().distinct().toList();
  }
}
