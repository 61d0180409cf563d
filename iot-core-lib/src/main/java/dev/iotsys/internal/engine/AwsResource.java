package dev.iotsys.internal.engine;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * One AWS resource iotsys owns: it knows its desired state, reads the actual one and brings the
 * actual to the desired. The {@link ConvergeEngine} decides order, dry run and error handling.
 *
 * @param <A> what {@link #read()} returns for an existing resource
 */
public abstract class AwsResource<A> {

  /** The resource kind as users see it, e.g. {@code iot-policy}. */
  public abstract String kind();

  /** The resource's name in AWS. */
  public abstract String name();

  /** The actual state, or empty when the resource does not exist. Never mutates. */
  public abstract Optional<A> read();

  /** What differs between the actual and the desired state, one phrase each; empty when equal. */
  public abstract List<String> differences(A actual);

  /** Creates the resource in its desired state. */
  public abstract void create();

  /**
   * Brings an existing resource back to its desired state.
   *
   * @param actual the state read just before
   */
  public abstract void update(A actual);

  /**
   * Whether a create failed only because the resource appeared meanwhile (another run created
   * it). The engine then reads it again and compares instead of failing.
   */
  protected boolean isAlreadyExists(AwsServiceException e) {
    String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    return code != null
        && (code.contains("AlreadyExists")
            || code.equals("EntityAlreadyExists")
            || code.equals("ConflictException"));
  }

  boolean alreadyExists(AwsServiceException e) {
    return isAlreadyExists(e);
  }

  @Override
  public String toString() {
    return kind() + " " + name();
  }
}
