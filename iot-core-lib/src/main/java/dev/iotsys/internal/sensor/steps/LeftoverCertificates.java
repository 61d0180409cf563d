package dev.iotsys.internal.sensor.steps;

import dev.iotsys.internal.aws.CallRetries;
import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.iot.ThingResource;
import dev.iotsys.internal.sensor.local.KeyFolder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Certificate;
import software.amazon.awssdk.services.iot.model.ListCertificatesResponse;

/**
 * The certificate a killed run requested but never heard of: AWS made it, the answer was lost.
 * Searched for only when the key folder's request record ({@link KeyFolder#REQUEST}) says a request
 * was sent and names no certificate, so its cost is bounded by the certificates made in the account
 * since that request, not by everything in it: the listing comes newest first and stops at the
 * first page that reaches back before the request. Only INACTIVE certificates are described (iotsys
 * issues them so), and only one that certifies a key of this home is its own. A certificate that
 * merely carries the sensor's name is nobody's business here.
 */
public final class LeftoverCertificates {
  /** How far this machine's clock may be ahead of AWS's. */
  static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

  static final int PAGE_SIZE = 250;

  private final IotClient iot;
  private final CertificateResource certificates;
  private final CallRetries retries;

  public LeftoverCertificates(
      IotClient iot, CertificateResource certificates, CallRetries retries) {
    this.iot = iot;
    this.certificates = certificates;
    this.retries = retries;
  }

  /**
   * Issues a certificate for the CSR and leaves exactly one. An answer of HTTP 5xx is retried as
   * every AWS call's is ({@link CallRetries}); but AWS may have done the failed attempt and only
   * its answer was lost, so once an attempt succeeds after such a failure, the other certificates
   * for this key made since the request are deleted (INACTIVE, attached to nothing: nobody else can
   * have used them). The request record still names no certificate meanwhile, so a run killed
   * before that leaves them to the next run, which finds them from the record as it finds any lost
   * request's. Throttling is retried as every call's is; it made nothing. Any other failure (a
   * broken connection) ends the command's work on the sensor, with the same record for the next
   * run.
   */
  public DeviceCertificate issueOnce(
      String csrPem, Instant requestedAt, Predicate<DeviceCertificate> ours, ActionLog log) {
    CallRetries.Attempts attempts = retries.begin();
    boolean answerLost = false;
    while (true) {
      try {
        DeviceCertificate issued = certificates.createInactive(csrPem);
        attempts.succeeded();
        if (answerLost) {
          for (DeviceCertificate extra : requestedSince(requestedAt, ours)) {
            if (!extra.id().equals(issued.id())) {
              certificates.deleteIfPresent(extra.id());
              log.change(
                  "deleted certificate "
                      + extra.shortId()
                      + ", issued by a request whose answer was lost");
            }
          }
        }
        return issued;
      } catch (SdkException e) {
        boolean lost = CallRetries.serverFailedForTheMoment(e);
        if (!lost && !throttled(e)) {
          throw e;
        }
        ThingResource.sleep(attempts.after(e).orElseThrow(() -> e));
        answerLost |= lost;
      }
    }
  }

  /** A refusal to do the request at all, for now: retried, and nothing was made. */
  private static boolean throttled(SdkException e) {
    return e instanceof SdkServiceException s && s.isThrottlingException();
  }

  /** The certificates made since {@code requestedAt} that {@code ours} accepts. */
  public List<DeviceCertificate> requestedSince(
      Instant requestedAt, Predicate<DeviceCertificate> ours) {
    Instant from = requestedAt.minus(CLOCK_MARGIN);
    List<DeviceCertificate> found = new ArrayList<>();
    String marker = null;
    do {
      String page = marker;
      ListCertificatesResponse listing =
          iot.listCertificates(r -> r.pageSize(PAGE_SIZE).ascendingOrder(false).marker(page));
      boolean reachedBack = false;
      for (Certificate c : listing.certificates()) {
        if (c.creationDate() == null || c.creationDate().isBefore(from)) {
          reachedBack = true;
          continue;
        }
        if (DeviceCertificate.INACTIVE.equals(c.statusAsString())) {
          certificates.describe(c.certificateId()).filter(ours).ifPresent(found::add);
        }
      }
      marker = reachedBack ? null : listing.nextMarker();
    } while (marker != null);
    return found;
  }
}
