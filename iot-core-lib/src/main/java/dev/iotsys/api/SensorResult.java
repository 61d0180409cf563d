package dev.iotsys.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The result for one sensor name.
 *
 * @param name the thing name
 * @param typeId the sensor type's id, when known
 * @param outcome what was done, or would be done
 * @param certificateId the id of the thing's certificate after the command, when it has one
 * @param keyFolder the local folder with the private key and certificate, when it applies
 * @param packageFolder the device package folder, when the type has packages
 * @param actions what was done (or, in a dry run, would be done), one phrase each, in order
 * @param error why the name failed; empty unless {@code outcome} is {@link SensorOutcome#FAILED}
 * @param errorKind the kind of failure; empty unless the name failed
 * @param steps each step the command took for the name, in order, with what it did; a failed name's
 *     last step is the one that failed ({@link Outcome#FAILED}), unless it failed while reading,
 *     before any step
 */
public record SensorResult(
    String name,
    Optional<String> typeId,
    SensorOutcome outcome,
    Optional<String> certificateId,
    Optional<Path> keyFolder,
    Optional<Path> packageFolder,
    List<String> actions,
    Optional<String> error,
    Optional<ErrorKind> errorKind,
    List<StepResult> steps) {

  /**
   * Creates a result; the actions are copied.
   *
   * @param name the thing name
   * @param typeId the sensor type's id, when known
   * @param outcome what was done, or would be done
   * @param certificateId the id of the thing's certificate after the command, when it has one
   * @param keyFolder the local folder with the private key and certificate, when it applies
   * @param packageFolder the device package folder, when the type has packages
   * @param actions what was done, or would be done, one phrase each, in order
   * @param error why the name failed; empty unless it failed
   * @param errorKind the kind of failure; empty unless the name failed
   * @param steps each step taken, in order, with what it did
   */
  public SensorResult {
    actions = List.copyOf(actions);
    steps = List.copyOf(steps);
  }

  /**
   * A result without its steps, as iotsys made them before it had steps.
   *
   * @param name the thing name
   * @param typeId the sensor type's id, when known
   * @param outcome what was done, or would be done
   * @param certificateId the id of the thing's certificate after the command, when it has one
   * @param keyFolder the local folder with the private key and certificate, when it applies
   * @param packageFolder the device package folder, when the type has packages
   * @param actions what was done, or would be done, one phrase each, in order
   * @param error why the name failed; empty unless it failed
   * @param errorKind the kind of failure; empty unless the name failed
   */
  public SensorResult(
      String name,
      Optional<String> typeId,
      SensorOutcome outcome,
      Optional<String> certificateId,
      Optional<Path> keyFolder,
      Optional<Path> packageFolder,
      List<String> actions,
      Optional<String> error,
      Optional<ErrorKind> errorKind) {
    this(
        name,
        typeId,
        outcome,
        certificateId,
        keyFolder,
        packageFolder,
        actions,
        error,
        errorKind,
        List.of());
  }

  /**
   * What was done, or would be done, in the vocabulary every command shares.
   *
   * @return {@link #outcome()} as an {@link Outcome}
   */
  public Outcome result() {
    return outcome.toOutcome();
  }
}
