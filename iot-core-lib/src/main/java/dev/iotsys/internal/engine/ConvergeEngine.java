package dev.iotsys.internal.engine;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.StatusResult.ResourceStatus;
import dev.iotsys.api.StatusResult.State;
import dev.iotsys.api.StepResult;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.HoldsReadings;
import dev.iotsys.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Converges resources in the order given: read, compare, then create, update or leave. A dry run
 * only reads, and refuses what the run would refuse. A resource that appears between the read and
 * the create (another run made it) is read again and compared, not reported as a failure. Removal
 * goes the same way in reverse: a resource already gone is absent, one that holds readings stays
 * unless the user let it go, and stays safe ({@link HoldsReadings#keep}). A survey is a dry run
 * told as state, for status: it refuses nothing and counts readings.
 */
public final class ConvergeEngine {
  private final IotsysListener listener;

  public ConvergeEngine(IotsysListener listener) {
    this.listener = listener;
  }

  /** How a resource is named in messages, e.g. {@code iot-policy iotsys-attictemp-device}. */
  public static String describe(Resource<?> resource) {
    return resource.kind() + " " + resource.name();
  }

  /** Converges every resource in order and stops at the first failure. */
  public List<ResourceResult> converge(List<? extends Resource<?>> resources, boolean dryRun) {
    List<ResourceResult> results = new ArrayList<>();
    int index = 0;
    for (Resource<?> resource : resources) {
      listener.onEvent(
          new IotsysEvent.Checking(resource.kind(), resource.name(), ++index, resources.size()));
      ResourceResult result = converge(resource, dryRun);
      listener.onEvent(new IotsysEvent.Converged(result));
      results.add(result);
    }
    return results;
  }

  private <A> ResourceResult converge(Resource<A> resource, boolean dryRun) {
    Optional<A> actual = step(resource, "reading", resource::read);
    if (actual.isEmpty()) {
      if (dryRun) {
        return result(resource, Outcome.WOULD_CREATE, List.of("missing"));
      }
      try {
        step(
            resource,
            "creating",
            () -> {
              resource.create();
              return null;
            });
        return result(resource, Outcome.CREATED, List.of());
      } catch (AlreadyExistsSignal raced) {
        actual = step(resource, "reading", resource::read);
        if (actual.isEmpty()) {
          throw AwsErrors.translate(raced.cause, "creating " + describe(resource));
        }
      }
    }
    A current = actual.get();
    Optional<String> refusal = resource.refusal(current);
    if (refusal.isPresent()) {
      throw new IotsysException(ErrorKind.PRECONDITION, refusal.get());
    }
    List<String> differences = resource.differences(current);
    if (differences.isEmpty()) {
      return result(resource, Outcome.UNCHANGED, List.of());
    }
    if (dryRun) {
      return result(resource, Outcome.WOULD_UPDATE, differences);
    }
    step(
        resource,
        "updating",
        () -> {
          resource.update(current);
          return null;
        });
    return result(resource, Outcome.UPDATED, differences);
  }

  /**
   * Keeps resources that hold readings no rule writes to any more: each that exists is KEPT, with
   * {@code why} and its count of readings, after what {@link HoldsReadings#keepDifferences} reports
   * is repaired (UPDATED; WOULD_UPDATE in a dry run). One that does not exist is left out.
   *
   * @param resources each must be a {@link HoldsReadings}
   * @param dryRun only read
   * @param why why they are kept, e.g. what deletes them
   * @return the results of those that exist
   */
  public List<ResourceResult> keep(
      List<? extends Resource<?>> resources, boolean dryRun, String why) {
    List<ResourceResult> results = new ArrayList<>();
    int index = 0;
    for (Resource<?> resource : resources) {
      listener.onEvent(
          new IotsysEvent.Checking(resource.kind(), resource.name(), ++index, resources.size()));
      Optional<ResourceResult> result = keep(resource, dryRun, why);
      if (result.isPresent()) {
        listener.onEvent(new IotsysEvent.Converged(result.get()));
        results.add(result.get());
      }
    }
    return results;
  }

  private <A> Optional<ResourceResult> keep(Resource<A> resource, boolean dryRun, String why) {
    HoldsReadings<A> holder = holder(resource);
    Optional<A> actual = step(resource, "reading", resource::read);
    if (actual.isEmpty()) {
      return Optional.empty();
    }
    A current = actual.get();
    List<String> lacks = holder.keepDifferences(current);
    if (!lacks.isEmpty()) {
      if (dryRun) {
        return Optional.of(result(resource, Outcome.WOULD_UPDATE, lacks));
      }
      keep(resource, holder, current);
      return Optional.of(result(resource, Outcome.UPDATED, lacks));
    }
    List<String> said = new ArrayList<>(List.of(why));
    counted(holder.readingCount(current)).ifPresent(said::add);
    return Optional.of(result(resource, Outcome.KEPT, said));
  }

  private static <A> void keep(Resource<A> resource, HoldsReadings<A> holder, A current) {
    step(
        resource,
        "keeping",
        () -> {
          holder.keep(current);
          return null;
        });
  }

  /** A count of readings in words, e.g. {@code about 3 readings}. */
  public static Optional<String> counted(OptionalLong readings) {
    return readings.isPresent()
        ? Optional.of(
            "about "
                + readings.getAsLong()
                + (readings.getAsLong() == 1 ? " reading" : " readings"))
        : Optional.empty();
  }

  /**
   * What install's dry run of the resources finds, told as state: MISSING, DRIFTED (with the
   * differences, or why install would refuse) or PRESENT, each with its count of readings where it
   * {@link HoldsReadings} and its service counts them. Refuses nothing.
   *
   * @param resources the resources, in install's order
   * @return one state each
   */
  public List<ResourceStatus> survey(List<? extends Resource<?>> resources) {
    return survey(resources, null);
  }

  /**
   * The state of resources that hold readings no rule writes to any more: KEPT with {@code why}, or
   * DRIFTED when {@link HoldsReadings#keepDifferences} reports something; those that do not exist
   * are left out.
   *
   * @param resources each must be a {@link HoldsReadings}
   * @param why why they are kept
   * @return one state each that exists
   */
  public List<ResourceStatus> surveyKept(List<? extends Resource<?>> resources, String why) {
    return survey(resources, Objects.requireNonNull(why));
  }

  private List<ResourceStatus> survey(List<? extends Resource<?>> resources, String keptWhy) {
    List<ResourceStatus> states = new ArrayList<>();
    int index = 0;
    for (Resource<?> resource : resources) {
      listener.onEvent(
          new IotsysEvent.Checking(resource.kind(), resource.name(), ++index, resources.size()));
      survey(resource, keptWhy).ifPresent(states::add);
    }
    return states;
  }

  private <A> Optional<ResourceStatus> survey(Resource<A> resource, String keptWhy) {
    Optional<A> actual = step(resource, "reading", resource::read);
    if (actual.isEmpty()) {
      return keptWhy != null
          ? Optional.empty()
          : Optional.of(
              new ResourceStatus(
                  resource.kind(),
                  resource.name(),
                  State.MISSING,
                  List.of(),
                  OptionalLong.empty()));
    }
    A current = actual.get();
    OptionalLong readings =
        resource instanceof HoldsReadings<?>
            ? holder(resource).readingCount(current)
            : OptionalLong.empty();
    List<String> differences = new ArrayList<>();
    if (keptWhy != null) {
      differences.addAll(holder(resource).keepDifferences(current));
    } else {
      resource.refusal(current).ifPresent(differences::add);
      if (differences.isEmpty()) {
        differences.addAll(resource.differences(current));
      }
    }
    State state =
        !differences.isEmpty() ? State.DRIFTED : keptWhy != null ? State.KEPT : State.PRESENT;
    if (state == State.KEPT) {
      differences.add(keptWhy);
    }
    return Optional.of(
        new ResourceStatus(resource.kind(), resource.name(), state, differences, readings));
  }

  @SuppressWarnings("unchecked")
  private static <A> HoldsReadings<A> holder(Resource<A> resource) {
    if (!(resource instanceof HoldsReadings<?>)) {
      throw new IllegalArgumentException(describe(resource) + " holds no readings");
    }
    return (HoldsReadings<A>) resource;
  }

  /**
   * Removes resources in the order given (dependants first) and stops at the first failure. A
   * resource already gone is ABSENT, so a second run succeeds and reports nothing left; one that
   * {@link HoldsReadings} is KEPT unless {@code deleteReadings}, and made safe again when it lacks
   * something to be kept ({@link HoldsReadings#keep}: a delete killed after protection went off).
   *
   * @param resources each must be a {@link Deleter}
   */
  public List<ResourceResult> remove(
      List<? extends Resource<?>> resources, boolean deleteReadings, boolean dryRun) {
    for (Resource<?> resource : resources) {
      if (!(resource instanceof Deleter<?>)) {
        throw new IllegalArgumentException(describe(resource) + " cannot be deleted");
      }
    }
    List<ResourceResult> results = new ArrayList<>();
    int index = 0;
    for (Resource<?> resource : resources) {
      listener.onEvent(
          new IotsysEvent.Checking(resource.kind(), resource.name(), ++index, resources.size()));
      boolean keep = resource instanceof HoldsReadings<?> && !deleteReadings;
      ResourceResult result = remove(resource, keep, dryRun);
      listener.onEvent(new IotsysEvent.Converged(result));
      results.add(result);
    }
    return results;
  }

  @SuppressWarnings("unchecked")
  private <A> ResourceResult remove(Resource<A> resource, boolean keep, boolean dryRun) {
    Optional<A> actual = step(resource, "reading", resource::read);
    if (actual.isEmpty()) {
      return result(resource, Outcome.ABSENT, List.of());
    }
    if (keep) {
      HoldsReadings<A> holder = holder(resource);
      A current = actual.get();
      List<String> said = new ArrayList<>(List.of("holds readings"));
      List<String> lacks = holder.keepDifferences(current);
      if (!lacks.isEmpty() && !dryRun) {
        keep(resource, holder, current);
      }
      said.addAll(lacks);
      counted(holder.readingCount(current)).ifPresent(said::add);
      return result(resource, Outcome.KEPT, said);
    }
    if (dryRun) {
      return result(resource, Outcome.WOULD_DELETE, List.of());
    }
    Deleter<A> deleter = (Deleter<A>) resource;
    A current = actual.get();
    Optional<String> pending = step(resource, "deleting", () -> deleter.delete(current));
    if (pending.isPresent()) {
      listener.onEvent(new IotsysEvent.Note(pending.get()));
      return result(resource, Outcome.PENDING, List.of(pending.get()));
    }
    return result(resource, Outcome.DELETED, List.of());
  }

  /**
   * Runs one step of a sensor command: skipped (UNCHANGED, or ABSENT for a removal) when {@link
   * Step#done} finds its work done; in a dry run only its plan is told (WOULD_...); otherwise it
   * runs. Its result goes to the log, which tells its listener ({@link IotsysEvent.Stepped}); a
   * step that fails is kept as FAILED before the failure goes on to the caller.
   *
   * @param step the step
   * @param dryRun whether only to tell what would be done
   * @param log where the step tells what it does and its result is kept
   * @param <T> the step's value
   * @return the step's value; empty in a dry run for a step that would run
   */
  public <T> Optional<T> run(Step<T> step, boolean dryRun, Step.Log log) {
    int from = log.told();
    Outcome outcome;
    Optional<T> value;
    try {
      value = step.done();
      if (value.isPresent()) {
        outcome = step.change() == Outcome.DELETED ? Outcome.ABSENT : Outcome.UNCHANGED;
      } else if (dryRun) {
        List<String> plan = step.plan();
        plan.forEach(log::change);
        // A step that can tell nothing it would change (its own bookkeeping) would change nothing.
        outcome =
            plan.isEmpty()
                ? Outcome.UNCHANGED
                : switch (step.change()) {
                  case CREATED -> Outcome.WOULD_CREATE;
                  case DELETED -> Outcome.WOULD_DELETE;
                  default -> Outcome.WOULD_UPDATE;
                };
      } else {
        T made = step.run();
        value = Optional.ofNullable(made);
        outcome =
            step.changed(made)
                ? step.change()
                : step.change() == Outcome.DELETED ? Outcome.ABSENT : Outcome.UNCHANGED;
      }
    } catch (RuntimeException e) {
      stepped(step, Outcome.FAILED, log, from);
      throw e;
    }
    stepped(step, outcome, log, from);
    return value;
  }

  private static void stepped(Step<?> step, Outcome outcome, Step.Log log, int from) {
    log.stepped(new StepResult(step.kind(), step.name(), outcome, log.toldSince(from)));
  }

  /** Reads a resource the way the engine does: SDK failures become one sentence. */
  public static <A> Optional<A> read(Resource<A> resource) {
    return step(resource, "reading", resource::read);
  }

  private static ResourceResult result(Resource<?> r, Outcome outcome, List<String> diffs) {
    return new ResourceResult(r.kind(), r.name(), outcome, diffs);
  }

  private static <T> T step(Resource<?> resource, String verb, Supplier<T> s) {
    try {
      return s.get();
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      if (verb.equals("creating") && resource.isAlreadyExists(code)) {
        throw new AlreadyExistsSignal(e);
      }
      throw AwsErrors.translate(e, verb + " " + describe(resource));
    } catch (SdkException e) {
      throw AwsErrors.translate(e, verb + " " + describe(resource));
    }
  }

  /** Carries an "already exists" answer from a create back to the engine's re-read. */
  private static final class AlreadyExistsSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient AwsServiceException cause;

    AlreadyExistsSignal(AwsServiceException cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }
}
