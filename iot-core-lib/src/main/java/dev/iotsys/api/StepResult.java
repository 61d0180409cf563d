package dev.iotsys.api;

import java.util.List;

/**
 * What one step of a sensor command did, or in a dry run would do: e.g. the {@code certificate}
 * step of {@code sensor add kitchen} {@link Outcome#CREATED}, its {@code activation} {@link
 * Outcome#UPDATED}; a step whose work was done already is {@link Outcome#UNCHANGED} (or, for a
 * removal, {@link Outcome#ABSENT}).
 *
 * @param step the step, e.g. {@code key}, {@code thing}, {@code certificate}, {@code policy},
 *     {@code thing-attachment}, {@code activation}, {@code thing-record}, {@code package}
 * @param name what it acts on: the thing's name, a certificate's short id, a folder
 * @param outcome what it did, or would do
 * @param actions what it did (or would do), one phrase each, in order: the part of {@link
 *     SensorResult#actions()} that is this step's
 */
public record StepResult(String step, String name, Outcome outcome, List<String> actions) {
  /**
   * Creates a result; the list is copied.
   *
   * @param step the step
   * @param name what it acts on
   * @param outcome what it did, or would do
   * @param actions what it did, one phrase each
   */
  public StepResult {
    actions = List.copyOf(actions);
  }
}
