package dev.iotsys.store.timestream;

import dev.iotsys.spi.HoldsReadings;
import java.util.List;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Tag;

/**
 * The tag that proves iotsys made a Timestream database or table: Timestream keeps no schema of a
 * table that could tell, so a table of a type's name without the tag may be anyone's.
 */
final class TimestreamTags {
  /** {@code managedBy=iotsys}, given with every create. */
  static final Tag IOTSYS =
      Tag.builder().key(HoldsReadings.TAG_KEY).value(HoldsReadings.TAG_VALUE).build();

  /** What a resource without the tag lacks, as its difference. */
  static final String MISSING =
      "tag " + HoldsReadings.TAG_KEY + "=" + HoldsReadings.TAG_VALUE + " missing \u2192 set";

  private TimestreamTags() {}

  /** Whether the resource carries the tag (one ListTagsForResource call). */
  static boolean tagged(TimestreamWriteClient timestream, String arn, String doing) {
    return TimestreamCalls.call(
        doing,
        () ->
            timestream.listTagsForResource(r -> r.resourceARN(arn)).tags().stream()
                .anyMatch(t -> IOTSYS.key().equals(t.key()) && IOTSYS.value().equals(t.value())));
  }

  /** What a resource lacks while kept: the tag, when it is not tagged. */
  static List<String> lacking(boolean tagged) {
    return tagged ? List.of() : List.of(MISSING);
  }

  /** Puts the tag on the resource unless it is tagged. */
  static void tagUnless(
      boolean tagged, TimestreamWriteClient timestream, String arn, String doing) {
    if (!tagged) {
      TimestreamCalls.run(
          doing, () -> timestream.tagResource(r -> r.resourceARN(arn).tags(IOTSYS)));
    }
  }
}
