package dev.iotsys.internal.engine;

import dev.iotsys.api.IotsysEvent;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.Outcome;
import dev.iotsys.api.ResourceResult;
import dev.iotsys.internal.aws.AwsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Converges resources in the order given: read, compare, then create, update or leave. A dry run
 * only reads. A resource that appears between the read and the create (another run made it) is
 * read again and compared, not reported as a failure.
 */
public final class ConvergeEngine {
  private final IotsysListener listener;

  public ConvergeEngine(IotsysListener listener) {
    this.listener = listener;
  }

  /** Converges every resource in order and stops at the first failure. */
  public List<ResourceResult> converge(List<? extends AwsResource<?>> resources, boolean dryRun) {
    List<ResourceResult> results = new ArrayList<>();
    int index = 0;
    for (AwsResource<?> resource : resources) {
      listener.onEvent(
          new IotsysEvent.Checking(resource.kind(), resource.name(), ++index, resources.size()));
      ResourceResult result = converge(resource, dryRun);
      listener.onEvent(new IotsysEvent.Converged(result));
      results.add(result);
    }
    return results;
  }

  private <A> ResourceResult converge(AwsResource<A> resource, boolean dryRun) {
    Optional<A> actual = step(resource, "reading", resource::read);
    if (actual.isEmpty()) {
      if (dryRun) {
        return result(resource, Outcome.WOULD_CREATE, List.of("missing"));
      }
      try {
        step(resource, "creating", () -> {
          resource.create();
          return null;
        });
        return result(resource, Outcome.CREATED, List.of());
      } catch (AlreadyExistsSignal raced) {
        actual = step(resource, "reading", resource::read);
        if (actual.isEmpty()) {
          throw AwsErrors.translate(raced.cause, "creating " + resource);
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
    step(resource, "updating", () -> {
      resource.update(current);
      return null;
    });
    return result(resource, Outcome.UPDATED, differences);
  }

  /**
   * One resource to remove.
   *
   * @param resource what to delete; must implement {@link Deleter}
   * @param keep when true the resource is only reported (KEPT), never deleted
   */
  public record Removal(AwsResource<?> resource, boolean keep) {}

  /**
   * Removes resources in the order given (dependants first) and stops at the first failure. A
   * resource already gone is ABSENT, so a second run succeeds and reports nothing left.
   */
  public List<ResourceResult> remove(List<Removal> removals, boolean dryRun) {
    List<ResourceResult> results = new ArrayList<>();
    int index = 0;
    for (Removal removal : removals) {
      AwsResource<?> resource = removal.resource();
      listener.onEvent(
          new IotsysEvent.Checking(resource.kind(), resource.name(), ++index, removals.size()));
      ResourceResult result = remove(resource, removal.keep(), dryRun);
      listener.onEvent(new IotsysEvent.Converged(result));
      results.add(result);
    }
    return results;
  }

  @SuppressWarnings("unchecked")
  private <A> ResourceResult remove(AwsResource<A> resource, boolean keep, boolean dryRun) {
    Optional<A> actual = step(resource, "reading", resource::read);
    if (actual.isEmpty()) {
      return result(resource, Outcome.ABSENT, List.of());
    }
    if (keep) {
      return result(resource, Outcome.KEPT, List.of("holds data"));
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

  private static ResourceResult result(AwsResource<?> r, Outcome outcome, List<String> diffs) {
    return new ResourceResult(r.kind(), r.name(), outcome, diffs);
  }

  private static <T> T step(AwsResource<?> resource, String verb, java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (AwsServiceException e) {
      if (verb.equals("creating") && resource.alreadyExists(e)) {
        throw new AlreadyExistsSignal(e);
      }
      throw AwsErrors.translate(e, verb + " " + resource);
    } catch (SdkException e) {
      throw AwsErrors.translate(e, verb + " " + resource);
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
