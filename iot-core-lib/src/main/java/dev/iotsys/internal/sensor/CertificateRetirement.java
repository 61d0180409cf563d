package dev.iotsys.internal.sensor;

import static dev.iotsys.internal.sensor.ActionLog.aws;

import software.amazon.awssdk.services.iot.model.CertificateStatus;

/**
 * Takes a certificate out of service for good: INACTIVE first (the device is refused at once, and
 * a run killed at any later step leaves an INACTIVE certificate, which is where leftovers are
 * looked for), then its policies and things detached, waiting until each thing detach has
 * propagated, then deleted.
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
    if (!DeviceCertificate.INACTIVE.equals(c.status()) && !"REVOKED".equals(c.status())) {
      aws("deactivating certificate " + id,
          () -> certificates.setStatus(c.id(), CertificateStatus.INACTIVE));
      log.change("deactivated certificate " + id);
    }
    for (String policy : aws("listing the policies of certificate " + id,
        () -> certificates.attachedPolicies(c.arn()))) {
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
  }
}
