package dev.iotsys.internal.sensor;

import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.DeviceCertificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
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
final class LeftoverCertificates {
  /** How far this machine's clock may be ahead of AWS's. */
  static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

  static final int PAGE_SIZE = 250;

  private final IotClient iot;
  private final CertificateResource certificates;

  LeftoverCertificates(IotClient iot, CertificateResource certificates) {
    this.iot = iot;
    this.certificates = certificates;
  }

  /** The certificates made since {@code requestedAt} that {@code ours} accepts. */
  List<DeviceCertificate> requestedSince(Instant requestedAt, Predicate<DeviceCertificate> ours) {
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
