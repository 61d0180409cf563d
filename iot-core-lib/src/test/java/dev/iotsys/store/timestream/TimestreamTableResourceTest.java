package dev.iotsys.store.timestream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.iotsys.spi.Retention;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.RetentionProperties;
import software.amazon.awssdk.services.timestreamwrite.model.Table;
import software.amazon.awssdk.services.timestreamwrite.model.UpdateTableRequest;

class TimestreamTableResourceTest {
  private final TimestreamWriteClient ts = mock(TimestreamWriteClient.class);
  private final TimestreamTableResource table =
      new TimestreamTableResource(ts, "db", "t", new Retention(24, 365));

  @Test
  void differences_nameTheRetentionThatChanged() {
    Table actual =
        Table.builder()
            .retentionProperties(
                RetentionProperties.builder()
                    .memoryStoreRetentionPeriodInHours(24L)
                    .magneticStoreRetentionPeriodInDays(7L)
                    .build())
            .magneticStoreWriteProperties(m -> m.enableMagneticStoreWrites(true))
            .build();
    assertEquals(
        List.of("magnetic store retention 7 days \u2192 365 days"),
        table.differences(new TimestreamTableResource.State(actual, true)));
  }

  @Test
  void differences_whenRetentionAndLateWritesWereCleared_reportEach() {
    assertEquals(
        3,
        table.differences(new TimestreamTableResource.State(Table.builder().build(), true)).size());
  }

  @Test
  void differences_ofATableWithoutIotsysTag_sayTheTagIsMissing_andOnlyATaggedOneIsIotsys() {
    Table right =
        Table.builder()
            .retentionProperties(
                RetentionProperties.builder()
                    .memoryStoreRetentionPeriodInHours(24L)
                    .magneticStoreRetentionPeriodInDays(365L)
                    .build())
            .magneticStoreWriteProperties(m -> m.enableMagneticStoreWrites(true))
            .build();
    TimestreamTableResource.State untagged = new TimestreamTableResource.State(right, false);
    assertEquals(List.of("tag managedBy=iotsys missing \u2192 set"), table.differences(untagged));
    assertEquals(false, table.madeByIotsys(untagged));
    assertEquals(true, table.madeByIotsys(new TimestreamTableResource.State(right, true)));
    assertEquals(List.of(), table.differences(new TimestreamTableResource.State(right, true)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void update_alwaysSendsTheFullRetention() {
    table.update(new TimestreamTableResource.State(Table.builder().build(), true));
    ArgumentCaptor<Consumer<UpdateTableRequest.Builder>> sent =
        ArgumentCaptor.forClass(Consumer.class);
    verify(ts).updateTable(sent.capture());
    UpdateTableRequest.Builder b = UpdateTableRequest.builder();
    sent.getValue().accept(b);
    RetentionProperties p = b.build().retentionProperties();
    assertEquals(24L, p.memoryStoreRetentionPeriodInHours());
    assertEquals(365L, p.magneticStoreRetentionPeriodInDays());
    assertEquals(true, b.build().magneticStoreWriteProperties().enableMagneticStoreWrites());
  }
}
