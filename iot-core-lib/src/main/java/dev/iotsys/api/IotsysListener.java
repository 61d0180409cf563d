package dev.iotsys.api;

/** Receives progress events. iotsys never prints; its callers decide what to show. */
@FunctionalInterface
public interface IotsysListener {
  /** A listener that ignores every event. */
  IotsysListener NONE = event -> {};

  /**
   * Called for each event, on the thread doing the work.
   *
   * @param event what happened
   */
  void onEvent(IotsysEvent event);
}
