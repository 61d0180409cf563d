package dev.iotsys.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ConvergeEngine#run}: the engine, not the step, decides skipping, dry run and outcome. */
class StepRunTest {
  private final List<IotsysEvent> events = new ArrayList<>();
  private final ConvergeEngine engine = new ConvergeEngine(events::add);
  private final Log log = new Log();

  /** Collects phrases and step results as a sensor's log does. */
  private static final class Log implements Step.Log {
    final List<String> told = new ArrayList<>();
    final List<StepResult> steps = new ArrayList<>();

    @Override
    public void change(String action) {
      told.add(action);
    }

    @Override
    public int told() {
      return told.size();
    }

    @Override
    public List<String> toldSince(int from) {
      return List.copyOf(told.subList(from, told.size()));
    }

    @Override
    public void stepped(StepResult result) {
      steps.add(result);
    }
  }

  /** A step that is done when {@code found} is set, and counts its runs. */
  private final class Fake implements Step<String> {
    final Optional<String> found;
    final Outcome change;
    final List<String> plan;
    final RuntimeException failure;
    int runs;
    boolean changes = true;

    Fake(Optional<String> found, Outcome change, List<String> plan, RuntimeException failure) {
      this.found = found;
      this.change = change;
      this.plan = plan;
      this.failure = failure;
    }

    @Override
    public String kind() {
      return "fake";
    }

    @Override
    public String name() {
      return "kitchen";
    }

    @Override
    public Optional<String> done() {
      return found;
    }

    @Override
    public List<String> plan() {
      return plan;
    }

    @Override
    public String run() {
      runs++;
      log.change("did it");
      if (failure != null) {
        throw failure;
      }
      return "made";
    }

    @Override
    public Outcome change() {
      return change;
    }

    @Override
    public boolean changed(String value) {
      return changes;
    }
  }

  @Test
  void aStepWhoseWorkIsDone_isSkipped_unchanged_withItsFoundValue() {
    Fake step = new Fake(Optional.of("found"), Outcome.CREATED, List.of("would do it"), null);

    assertEquals(Optional.of("found"), engine.run(step, false, log));

    assertEquals(0, step.runs);
    assertEquals(
        List.of(new StepResult("fake", "kitchen", Outcome.UNCHANGED, List.of())), log.steps);
    assertThat(events).as("the log tells the listener, not the engine").isEmpty();
  }

  @Test
  void aRemovalWhoseThingIsGone_isAbsent() {
    Fake step = new Fake(Optional.of("gone"), Outcome.DELETED, List.of(), null);

    engine.run(step, false, log);

    assertEquals(Outcome.ABSENT, log.steps.get(0).outcome());
  }

  @Test
  void aDryRun_tellsThePlan_runsNothing_andReportsWhatWouldBeDone() {
    Fake create = new Fake(Optional.empty(), Outcome.CREATED, List.of("would do it"), null);
    Fake delete = new Fake(Optional.empty(), Outcome.DELETED, List.of("would undo it"), null);
    Fake silent = new Fake(Optional.empty(), Outcome.UPDATED, List.of(), null);

    assertEquals(Optional.empty(), engine.run(create, true, log));
    engine.run(delete, true, log);
    engine.run(silent, true, log);

    assertEquals(0, create.runs + delete.runs + silent.runs);
    assertThat(log.steps)
        .extracting(StepResult::outcome)
        .containsExactly(Outcome.WOULD_CREATE, Outcome.WOULD_DELETE, Outcome.UNCHANGED);
    assertEquals(List.of("would do it"), log.steps.get(0).actions());
    assertEquals(List.of("would do it", "would undo it"), log.told);
  }

  @Test
  void aStepThatRuns_hasItsChangeAsOutcome_andItsOwnPhrases_orUnchangedWhenItFoundNothingToDo() {
    log.change("found before");
    Fake step = new Fake(Optional.empty(), Outcome.CREATED, List.of(), null);
    Fake idle = new Fake(Optional.empty(), Outcome.UPDATED, List.of(), null);
    idle.changes = false;

    assertEquals(Optional.of("made"), engine.run(step, false, log));
    engine.run(idle, false, log);

    assertEquals(
        new StepResult("fake", "kitchen", Outcome.CREATED, List.of("did it")), log.steps.get(0));
    assertEquals(Outcome.UNCHANGED, log.steps.get(1).outcome());
  }

  @Test
  void aStepThatFails_isKeptAsFailed_withWhatItDid_andTheFailureGoesOn() {
    IllegalStateException failure = new IllegalStateException("refused");
    Fake step = new Fake(Optional.empty(), Outcome.UPDATED, List.of(), failure);

    assertEquals(
        failure, assertThrows(IllegalStateException.class, () -> engine.run(step, false, log)));

    assertEquals(
        new StepResult("fake", "kitchen", Outcome.FAILED, List.of("did it")), log.steps.get(0));
  }
}
