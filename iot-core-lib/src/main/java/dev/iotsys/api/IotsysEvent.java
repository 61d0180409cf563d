package dev.iotsys.api;

/** Something that happened while a command ran, reported to {@link IotsysListener}s. */
public sealed interface IotsysEvent {

  /**
   * A resource is about to be read and compared.
   *
   * @param kind the resource kind
   * @param name the resource name
   * @param index its position in the plan, from 1
   * @param total how many resources the plan holds
   */
  record Checking(String kind, String name, int index, int total) implements IotsysEvent {}

  /**
   * A resource has been converged (or planned, in a dry run).
   *
   * @param result what was done
   */
  record Converged(ResourceResult result) implements IotsysEvent {}

  /**
   * A step of a sensor command is done, skipped because its work was done already, planned (in a
   * dry run) or failed.
   *
   * @param sensor the sensor's name
   * @param step the step and its outcome
   */
  record Stepped(String sensor, StepResult step) implements IotsysEvent {}

  /**
   * A free-form note worth telling the user, e.g. a wait that AWS imposes.
   *
   * @param message one sentence
   */
  record Note(String message) implements IotsysEvent {}

  /**
   * A sensor test has checked one link between the device and the store.
   *
   * @param check the link and its verdict
   */
  record LinkChecked(SensorTestResult.LinkCheck check) implements IotsysEvent {}

  /**
   * A sensor test has published a reading and the server acknowledged it.
   *
   * @param publish what was sent and when
   * @param count how many readings the test sends in all
   */
  record Published(SensorTestResult.Publish publish, int count) implements IotsysEvent {}

  /**
   * A plugin jar was left out: the other plugins load, this jar's sensor types and stores are
   * missing until it is fixed or removed.
   *
   * @param jar the jar, or the plugin folder when the folder cannot be listed
   * @param reason why, one sentence
   */
  record PluginSkipped(java.nio.file.Path jar, String reason) implements IotsysEvent {}
}
