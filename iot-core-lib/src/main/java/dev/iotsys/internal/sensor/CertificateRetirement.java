package dev.iotsys.internal.sensor;

import dev.iotsys.internal.aws.AwsErrors;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * Takes a certificate out of service for good: INACTIVE first (the device is refused at once, and
 * a run killed at any later step leaves an INACTIVE certificate), then its policies and things
 * detached, waiting until each thing detach has propagated, then deleted. A certificate that is
 * already gone, or goes meanwhile, is retired: another run did it.
 *
 * <p>Callers retire only what is provably theirs to retire (see {@link SensorAddition}); a
 * certificate that nothing in the home would name once detached from its thing is recorded in
 * the key folder first ({@link KeyFolder#recordRetiring}).
 */
final class CertificateRetirement {
  private final CertificateResource certificates;
  private final ThingResource things;

  CertificateRetirement(CertificateResource certificates, ThingResource things) {
    this.certificates = certificates;
    this.things = things;
  }

  void retire(DeviceCertificate c, boolean dryRun, ActionLog log) {
    String id = c.shortId();
    if (dryRun) {
      log.change("would deactivate, detach and delete certificate " + id);
      return;
    }
    try {
      if (!DeviceCertificate.INACTIVE.equals(c.status()) && !"REVOKED".equals(c.status())) {
        aws("deactivating certificate " + id,
            () -> certificates.setStatus(c.id(), CertificateStatus.INACTIVE));
        log.change("deactivated certificate " + id);
      }
      List<String> policies = aws("listing the policies of certificate " + id,
          () -> certificates.attachedPolicies(c.arn()));
      for (String policy : policies) {
        aws("detaching policy " + policy + " from certificate " + id,
            () -> certificates.detachPolicy(policy, c.arn()));
        log.change("detached policy " + policy + " from certificate " + id);
      }
      for (String thing : aws("listing the things of certificate " + id,
          () -> certificates.things(c.arn()))) {
        aws("detaching certificate " + id + " from thing " + thing,
            () -> things.detach(thing, c.arn()));
        log.change("detached certificate " + id + " from thing " + thing);
      }
      aws("deleting certificate " + id, () -> certificates.delete(c.id()));
      log.change("deleted certificate " + id);
    } catch (Gone gone) {
      log.found("certificate " + id + " is gone already");
    }
  }

  /** The certificate (or its thing) no longer exists. */
  private static final class Gone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Gone() {
      super(null, null, false, false);
    }
  }

  private static <T> T aws(String doing, Supplier<T> call) {
    try {
      return call.get();
    } catch (ResourceNotFoundException e) {
      throw new Gone();
    } catch (SdkException e) {
      throw AwsErrors.translate(e, doing);
    }
  }

  private static void aws(String doing, Runnable call) {
    aws(doing, () -> {
      call.run();
      return null;
    });
  }
}
