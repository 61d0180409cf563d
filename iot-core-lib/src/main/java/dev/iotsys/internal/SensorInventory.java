package dev.iotsys.internal;

import dev.iotsys.api.IotsysListener;
import java.util.List;

/** What uninstall needs to know of, and do to, the sensors of a type. */
public interface SensorInventory {
  /** The names of the type's sensors that exist in the account, sorted. */
  List<String> sensorsOf(String typeId);

  /** Removes sensors as {@code sensor remove} does; fails when any of them could not go. */
  void remove(String typeId, List<String> names, IotsysListener listener);
}
