package dev.iotsys.spi;

import java.util.List;
import java.util.OptionalLong;

/**
 * Marks a resource that holds readings (a table, a database): uninstall deletes it only when the
 * user asks for the readings to go, and reports it as kept otherwise. A kept one stays safe:
 * install, uninstall and status compare {@link #keepDifferences} and {@link #keep} repairs them.
 * One found anywhere but where a type's rule writes is shown and deleted only when {@link
 * #madeByIotsys} proves iotsys made it: a name alone proves nothing, since anyone may make a table
 * of that name.
 *
 * @param <A> the actual state {@link Resource#read()} returns
 */
public interface HoldsReadings<A> {
  /**
   * The key of the tag iotsys puts on what it makes to hold readings, where the service has tags.
   */
  String TAG_KEY = "managedBy";

  /** The value of that tag, as on iotsys's things. */
  String TAG_VALUE = "iotsys";

  /**
   * Whether the resource itself proves that iotsys made it: the tag iotsys sets when it creates it,
   * or a key schema only iotsys gives its tables.
   *
   * @param actual the state read just before
   * @return true when iotsys made it
   */
  boolean madeByIotsys(A actual);

  /**
   * What the resource lacks to keep its readings safe and provably iotsys's while it is kept
   * (deletion protection, the tag), each as {@code current → wanted}.
   *
   * @param actual the state read just before
   * @return one phrase per difference; empty when nothing lacks
   */
  default List<String> keepDifferences(A actual) {
    return List.of();
  }

  /**
   * Repairs what {@link #keepDifferences} reports, and nothing else.
   *
   * @param actual the state read just before
   */
  default void keep(A actual) {}

  /**
   * How many readings it holds as the service counts them without a query (DynamoDB's item count,
   * which AWS refreshes about every six hours).
   *
   * @param actual the state read just before
   * @return the count, or empty when the service tells none without a query
   */
  default OptionalLong readingCount(A actual) {
    return OptionalLong.empty();
  }
}
