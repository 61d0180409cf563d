package dev.iotsys.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.HoldsReadings;
import dev.iotsys.spi.Resource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class ConvergeEngineTest {

  /** A resource whose reads answer from a queue and whose writes are recorded. */
  private static class FakeResource implements Resource<String> {
    final Deque<Optional<String>> reads = new ArrayDeque<>();
    final List<String> calls = new ArrayList<>();
    RuntimeException createFailure;

    @Override
    public String kind() {
      return "fake";
    }

    @Override
    public String name() {
      return "one";
    }

    @Override
    public Optional<String> read() {
      calls.add("read");
      return reads.isEmpty() ? Optional.empty() : reads.pop();
    }

    @Override
    public List<String> differences(String actual) {
      return actual.equals("desired") ? List.of() : List.of("value " + actual);
    }

    @Override
    public void create() {
      calls.add("create");
      if (createFailure != null) {
        throw createFailure;
      }
    }

    @Override
    public void update(String actual) {
      calls.add("update " + actual);
    }
  }

  private static AwsServiceException awsError(String code, int status) {
    return AwsServiceException.builder()
        .statusCode(status)
        .awsErrorDetails(
            AwsErrorDetails.builder().errorCode(code).errorMessage(code).serviceName("Iot").build())
        .build();
  }

  private static ResourceResult converge(FakeResource r, boolean dryRun) {
    return new ConvergeEngine(IotsysListener.NONE).converge(List.of(r), dryRun).get(0);
  }

  @Test
  void converge_whenAbsent_creates() {
    FakeResource r = new FakeResource();
    assertEquals(Outcome.CREATED, converge(r, false).outcome());
    assertEquals(List.of("read", "create"), r.calls);
  }

  @Test
  void converge_whenEqual_doesNothing() {
    FakeResource r = new FakeResource();
    r.reads.add(Optional.of("desired"));
    assertEquals(Outcome.UNCHANGED, converge(r, false).outcome());
    assertEquals(List.of("read"), r.calls);
  }

  @Test
  void converge_whenDrifted_updatesAndSaysWhatDiffered() {
    FakeResource r = new FakeResource();
    r.reads.add(Optional.of("old"));
    ResourceResult result = converge(r, false);
    assertEquals(Outcome.UPDATED, result.outcome());
    assertEquals(List.of("value old"), result.differences());
    assertEquals(List.of("read", "update old"), r.calls);
  }

  @Test
  void converge_dryRun_onlyReads() {
    FakeResource absent = new FakeResource();
    FakeResource drifted = new FakeResource();
    drifted.reads.add(Optional.of("old"));
    assertEquals(Outcome.WOULD_CREATE, converge(absent, true).outcome());
    assertEquals(Outcome.WOULD_UPDATE, converge(drifted, true).outcome());
    assertEquals(List.of("read"), absent.calls);
    assertEquals(List.of("read"), drifted.calls);
  }

  @Test
  void converge_whenCreateRacesWithAnotherRun_readsAgainAndCompares() {
    FakeResource r = new FakeResource();
    r.reads.add(Optional.empty());
    r.reads.add(Optional.of("desired"));
    r.createFailure = awsError("ResourceAlreadyExistsException", 409);
    assertEquals(Outcome.UNCHANGED, converge(r, false).outcome());
    assertEquals(List.of("read", "create", "read"), r.calls);
  }

  @Test
  void converge_whenRacingRunLeftItDifferent_updatesIt() {
    FakeResource r = new FakeResource();
    r.reads.add(Optional.empty());
    r.reads.add(Optional.of("other"));
    r.createFailure = awsError("EntityAlreadyExists", 409);
    assertEquals(Outcome.UPDATED, converge(r, false).outcome());
    assertEquals(List.of("read", "create", "read", "update other"), r.calls);
  }

  @Test
  void converge_whenCreateFails_namesTheResourceInOneLine() {
    FakeResource r = new FakeResource();
    r.createFailure = awsError("InvalidRequestException", 400);
    IotsysException e = assertThrows(IotsysException.class, () -> converge(r, false));
    assertEquals(ErrorKind.INTERNAL, e.kind());
    assertTrue(e.getMessage().contains("while creating fake one"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"));
  }

  /** A resource that can be deleted, recording the deletion. */
  private static class DeletableResource extends FakeResource implements Deleter<String> {
    @Override
    public Optional<String> delete(String actual) {
      calls.add("delete " + actual);
      return Optional.empty();
    }
  }

  /**
   * A table, say: deleted only when the user lets the readings go; "unprotected" lacks its
   * protection, "foreign" cannot be converged, and it holds 7 readings.
   */
  private static final class TableResource extends DeletableResource
      implements HoldsReadings<String> {
    @Override
    public boolean madeByIotsys(String actual) {
      return !actual.equals("foreign");
    }

    @Override
    public List<String> keepDifferences(String actual) {
      return actual.equals("unprotected") ? List.of("protection off \u2192 on") : List.of();
    }

    @Override
    public void keep(String actual) {
      calls.add("keep " + actual);
    }

    @Override
    public java.util.OptionalLong readingCount(String actual) {
      return java.util.OptionalLong.of(7);
    }

    @Override
    public Optional<String> refusal(String actual) {
      return actual.equals("foreign") ? Optional.of("not iotsys's") : Optional.empty();
    }
  }

  private static ResourceResult remove(FakeResource r, boolean deleteReadings, boolean dryRun) {
    return new ConvergeEngine(IotsysListener.NONE)
        .remove(List.of(r), deleteReadings, dryRun)
        .get(0);
  }

  @Test
  void remove_whenPresent_deletes() {
    DeletableResource r = new DeletableResource();
    r.reads.add(Optional.of("desired"));
    assertEquals(Outcome.DELETED, remove(r, false, false).outcome());
    assertEquals(List.of("read", "delete desired"), r.calls);
  }

  @Test
  void remove_whenAbsent_reportsAbsentAndDeletesNothing() {
    DeletableResource r = new DeletableResource();
    assertEquals(Outcome.ABSENT, remove(r, true, false).outcome());
    assertEquals(List.of("read"), r.calls);
  }

  @Test
  void remove_whenItHoldsReadings_keepsItUnlessTheReadingsMayGo() {
    TableResource kept = new TableResource();
    kept.reads.add(Optional.of("desired"));
    assertEquals(Outcome.KEPT, remove(kept, false, false).outcome());
    assertEquals(List.of("read"), kept.calls);

    TableResource deleted = new TableResource();
    deleted.reads.add(Optional.of("desired"));
    assertEquals(Outcome.DELETED, remove(deleted, true, false).outcome());
    assertEquals(List.of("read", "delete desired"), deleted.calls);
  }

  @Test
  void remove_keepingATableThatLostItsProtection_protectsItAgain_exceptInADryRun() {
    TableResource kept = new TableResource();
    kept.reads.add(Optional.of("unprotected"));
    ResourceResult result = remove(kept, false, false);
    assertEquals(Outcome.KEPT, result.outcome());
    assertTrue(result.differences().contains("protection off \u2192 on"), result.toString());
    assertTrue(result.differences().contains("about 7 readings"), result.toString());
    assertEquals(List.of("read", "keep unprotected"), kept.calls);

    TableResource planned = new TableResource();
    planned.reads.add(Optional.of("unprotected"));
    assertEquals(Outcome.KEPT, remove(planned, false, true).outcome());
    assertEquals(List.of("read"), planned.calls);
  }

  @Test
  void converge_ofAResourceItMustRefuse_refusesInTheRunAndInTheDryRun_andWritesNothing() {
    for (boolean dryRun : List.of(false, true)) {
      TableResource r = new TableResource();
      r.reads.add(Optional.of("foreign"));
      IotsysException e = assertThrows(IotsysException.class, () -> converge(r, dryRun));
      assertEquals(ErrorKind.PRECONDITION, e.kind());
      assertEquals("not iotsys's", e.getMessage());
      assertEquals(List.of("read"), r.calls);
    }
  }

  @Test
  void keep_protectsWhatLacksProtection_reportsTheRestKept_andLeavesOutWhatIsGone() {
    TableResource unprotected = new TableResource();
    unprotected.reads.add(Optional.of("unprotected"));
    TableResource fine = new TableResource();
    fine.reads.add(Optional.of("desired"));
    TableResource gone = new TableResource();
    List<ResourceResult> results =
        new ConvergeEngine(IotsysListener.NONE)
            .keep(List.of(unprotected, fine, gone), false, "kept for a reason");
    assertEquals(2, results.size());
    assertEquals(Outcome.UPDATED, results.get(0).outcome());
    assertEquals(List.of("read", "keep unprotected"), unprotected.calls);
    assertEquals(Outcome.KEPT, results.get(1).outcome());
    assertEquals(List.of("kept for a reason", "about 7 readings"), results.get(1).differences());
    assertEquals(List.of("read"), fine.calls);
  }

  @Test
  void survey_tellsStateWithoutRefusing_andKeptOnesAreDriftedWhenUnprotected() {
    TableResource foreign = new TableResource();
    foreign.reads.add(Optional.of("foreign"));
    FakeResource missing = new FakeResource();
    var states = new ConvergeEngine(IotsysListener.NONE).survey(List.of(foreign, missing));
    assertEquals(dev.iotsys.api.StatusResult.State.DRIFTED, states.get(0).state());
    assertEquals(List.of("not iotsys's"), states.get(0).differences());
    assertEquals(7, states.get(0).readings().getAsLong());
    assertEquals(dev.iotsys.api.StatusResult.State.MISSING, states.get(1).state());

    TableResource unprotected = new TableResource();
    unprotected.reads.add(Optional.of("unprotected"));
    TableResource fine = new TableResource();
    fine.reads.add(Optional.of("desired"));
    var kept =
        new ConvergeEngine(IotsysListener.NONE)
            .surveyKept(List.of(unprotected, fine, new TableResource()), "why");
    assertEquals(2, kept.size());
    assertEquals(dev.iotsys.api.StatusResult.State.DRIFTED, kept.get(0).state());
    assertEquals(dev.iotsys.api.StatusResult.State.KEPT, kept.get(1).state());
    assertEquals(List.of("why"), kept.get(1).differences());
    assertEquals(List.of("read"), unprotected.calls);
  }

  @Test
  void remove_inADryRun_onlyReads() {
    TableResource r = new TableResource();
    r.reads.add(Optional.of("desired"));
    assertEquals(Outcome.WOULD_DELETE, remove(r, true, true).outcome());
    assertEquals(List.of("read"), r.calls);
  }

  @Test
  void remove_ofAResourceWithoutDeleter_isRefusedBeforeAnyCall() {
    FakeResource r = new FakeResource();
    assertThrows(IllegalArgumentException.class, () -> remove(r, true, false));
    assertEquals(List.of(), r.calls);
  }
}
