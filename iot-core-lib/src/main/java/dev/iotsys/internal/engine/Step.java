package dev.iotsys.internal.engine;

import dev.iotsys.api.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * One small unit of a sensor command (a key, a thing, a certificate, an attachment, ...), run by
 * {@link ConvergeEngine#run}: it reads first and, when its work is done already, gives the value it
 * would have made and is skipped; otherwise the engine runs it, or in a dry run only tells its
 * plan. Each step returns a value the next ones take (the certificate the attachments need), as a
 * build step does in Jib ({@code builder/steps}).
 *
 * @param <T> the value the step makes or finds
 */
public interface Step<T> {
  /**
   * The step, as results and JSON name it.
   *
   * @return e.g. {@code certificate}, {@code thing-attachment}
   */
  String kind();

  /**
   * What the step acts on.
   *
   * @return e.g. the thing's name or a certificate's short id
   */
  String name();

  /**
   * Whether the work is done already. Never changes anything.
   *
   * @return the step's value when there is nothing to do; empty when it must run
   */
  Optional<T> done();

  /**
   * What running the step would do, for a dry run.
   *
   * @return one phrase each, e.g. {@code would create thing kitchen of type attictemp}
   */
  List<String> plan();

  /**
   * Does the work; tells what it did to the log it was made with.
   *
   * @return the value
   */
  T run();

  /**
   * What running does to the account or the files.
   *
   * @return {@link Outcome#CREATED}, {@link Outcome#UPDATED} or {@link Outcome#DELETED}
   */
  Outcome change();

  /**
   * Whether a run changed something; a step may find at run time that it has nothing to do (a
   * device package already as it should be, a certificate gone meanwhile).
   *
   * @param value what {@link #run} returned
   * @return true when the run changed something
   */
  default boolean changed(T value) {
    return true;
  }

  /** Where steps tell what they do and the engine keeps their results. */
  interface Log {
    /**
     * Something a step changed, or in a dry run would change.
     *
     * @param action one phrase
     */
    void change(String action);

    /**
     * How many phrases were told so far, to tell a step's own phrases from the others'.
     *
     * @return the count
     */
    int told();

    /**
     * The phrases told since {@code from}.
     *
     * @param from a count {@link #told} returned
     * @return the phrases since then, in order
     */
    List<String> toldSince(int from);

    /**
     * Keeps a step's result.
     *
     * @param result what the step did
     */
    void stepped(dev.iotsys.api.StepResult result);
  }
}
