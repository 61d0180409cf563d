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
