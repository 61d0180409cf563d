package dev.iotsys.spi;

import java.util.List;
import java.util.Optional;

/**
 * One AWS resource iotsys owns: it knows its desired state, reads the actual one and brings the
 * actual to the desired. The engine decides the order, the dry run, what "already exists" means for
 * a create and how failures are reported; a resource only answers the questions below.
 *
 * <p>Capabilities beyond converging are separate interfaces: {@link Deleter} for resources that
 * uninstall may remove, {@link HoldsReadings} for those that may go only when the user says so.
 *
 * @param <A> what {@link #read()} returns for an existing resource
 */
public interface Resource<A> {

  /**
   * The resource kind as users see it, e.g. {@code iot-policy} or {@code dynamodb-table}.
   *
   * @return the kind, lower case with hyphens
   */
  String kind();

  /**
   * The resource's name in AWS.
   *
   * @return the name
   */
  String name();

  /**
   * The actual state. Never changes anything.
   *
   * @return the state, or empty when the resource does not exist
   */
  Optional<A> read();

  /**
   * What differs between the actual and the desired state.
   *
   * @param actual the state {@link #read()} returned
   * @return one phrase per difference, {@code current → wanted} where that helps; empty when equal
   */
  List<String> differences(A actual);

  /** Creates the resource in its desired state. */
  void create();

  /**
   * Brings an existing resource back to its desired state.
   *
   * @param actual the state read just before
   */
  void update(A actual);

  /**
   * Why the resource as it exists cannot be brought to its desired state (a table with other keys,
   * which cannot be changed in place): install refuses with this sentence, in its dry run too, and
   * never changes or deletes the resource for it.
   *
   * @param actual the state {@link #read()} returned
   * @return the sentence, or empty when {@link #update} can repair every difference
   */
  default Optional<String> refusal(A actual) {
    return Optional.empty();
  }

  /**
   * Whether a create failed only because the resource appeared meanwhile (another run made it): the
   * engine then reads it again and compares instead of failing.
   *
   * @param errorCode the AWS error code of the failed create, e.g. {@code ResourceInUseException}
   * @return true when the code means "it exists already"
   */
  default boolean isAlreadyExists(String errorCode) {
    return errorCode != null
        && (errorCode.contains("AlreadyExists") || errorCode.equals("ConflictException"));
  }
}
