package dev.iotsys.internal.sensor.steps;

import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.iot.ThingResource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.CertificateStateException;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.DeleteConflictException;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * Takes a certificate out of service for good: INACTIVE first (the device is refused at once, and a
 * run killed at any later step leaves an INACTIVE certificate), then its policies and things
 * detached, then deleted. A certificate that is already gone, or goes meanwhile, is retired:
 * another run did it.
 *
 * <p>The things it is attached to are known from the thing's listing; it is detached from those and
 * deleted right away. Only when AWS refuses the delete because things are still attached (another
 * one, or a detach AWS has not propagated yet: DetachThingPrincipal is asynchronous) are its things
 * listed, detached and waited for, and the delete tried again. So a fleet's removal makes no read
 * per certificate beyond its policies.
 *
 * <p>Callers retire only what is provably theirs to retire (see {@code SensorAddition}); a
 * certificate that nothing in the home would name once detached from its thing is recorded in the
 * key folder first ({@link KeyFolder#recordRetiring}).
 */
public final class CertificateRetirement {
  private final CertificateResource certificates;
  private final ThingResource things;

  public CertificateRetirement(CertificateResource certificates, ThingResource things) {
    this.certificates = certificates;
    this.things = things;
  }

  /**
   * Retires the certificate.
   *
   * @param knownThings the things it is attached to, as far as the caller knows
   * @return true when it was retired now; false when it was gone already
   */
  public boolean retire(DeviceCertificate c, List<String> knownThings, ActionLog log) {
    String id = c.shortId();
    try {
      if (!DeviceCertificate.INACTIVE.equals(c.status()) && !"REVOKED".equals(c.status())) {
        aws(
            "deactivating certificate " + id,
            () -> certificates.setStatus(c.id(), CertificateStatus.INACTIVE));
        log.change("deactivated certificate " + id);
      }
      List<String> policies =
          aws(
              "listing the policies of certificate " + id,
              () -> certificates.attachedPolicies(c.arn()));
      for (String policy : policies) {
        aws(
            "detaching policy " + policy + " from certificate " + id,
            () -> certificates.detachPolicy(policy, c.arn()));
        log.change("detached policy " + policy + " from certificate " + id);
      }
      List<String> detached = new ArrayList<>();
      boolean deactivated = false;
      for (String thing : knownThings) {
        detach(c, thing, log);
        detached.add(thing);
      }
      for (int attempt = 0; ; attempt++) {
        try {
          certificates.delete(c.id());
          log.change("deleted certificate " + id);
          return true;
        } catch (CertificateStateException e) {
          // Active after all: its status came from a listing that another run overtook.
          if (!deactivated) {
            deactivated = true;
            aws(
                "deactivating certificate " + id,
                () -> certificates.setStatus(c.id(), CertificateStatus.INACTIVE));
            log.change("deactivated certificate " + id);
            continue;
          }
          if (attempt >= things.pollAttempts()) {
            throw AwsErrors.translate(e, "deleting certificate " + id);
          }
        } catch (DeleteConflictException e) {
          if (attempt >= things.pollAttempts()) {
            throw AwsErrors.translate(e, "deleting certificate " + id);
          }
        } catch (ResourceNotFoundException e) {
          throw new Gone();
        } catch (SdkException e) {
          throw AwsErrors.translate(e, "deleting certificate " + id);
        }
        List<String> attached =
            aws("listing the things of certificate " + id, () -> certificates.things(c.arn()));
        if (attached.isEmpty()) {
          ThingResource.sleep(things.pollInterval());
        }
        for (String thing : attached) {
          if (!detached.contains(thing)) {
            detach(c, thing, log);
            detached.add(thing);
          }
          aws(
              "waiting for certificate " + id + " to leave thing " + thing,
              () -> things.awaitDetached(thing, c.arn()));
        }
      }
    } catch (Gone gone) {
      log.found("certificate " + id + " is gone already");
      return false;
    }
  }

  private void detach(DeviceCertificate c, String thing, ActionLog log) {
    aws(
        "detaching certificate " + c.shortId() + " from thing " + thing,
        () -> things.detachOnly(thing, c.arn()));
    log.change("detached certificate " + c.shortId() + " from thing " + thing);
  }

  /** The certificate (or its thing) no longer exists. */
  private static final class Gone extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Gone() {
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
    aws(
        doing,
        () -> {
          call.run();
          return null;
        });
  }
}
