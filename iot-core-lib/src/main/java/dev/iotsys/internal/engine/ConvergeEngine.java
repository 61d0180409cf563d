package dev.iotsys.internal.engine;

import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.api.StepResult;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.HoldsReadings;
import dev.iotsys.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Converges resources in the order given: read, compare, then create, update or leave. A dry run
 * only reads. A resource that appears between the read and the create (another run made it) is read
 * again and compared, not reported as a failure. Removal goes the same way in reverse: a resource
 * already gone is absent, one that holds readings stays unless the user let it go.
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
   * Removes resources in the order given (dependants first) and stops at the first failure. A
   * resource already gone is ABSENT, so a second run succeeds and reports nothing left; one that
   * {@link HoldsReadings} is KEPT unless {@code deleteReadings}.
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
      boolean keep = resource instanceof HoldsReadings && !deleteReadings;
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
      return result(resource, Outcome.KEPT, List.of("holds readings"));
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
