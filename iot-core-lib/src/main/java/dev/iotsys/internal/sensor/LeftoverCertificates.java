package dev.iotsys.internal.sensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Certificate;

/**
 * Certificates that a killed run left behind: subject {@code CN=<thing name>} and attached to no
 * thing. iotsys issues certificates INACTIVE and activates them only once attached, and
 * deactivates them before it detaches them, so a leftover is always INACTIVE: only those are
 * described. The account is scanned once per command, on first need, and shared by its names.
 */
final class LeftoverCertificates {
  private static final Set<String> NOT_ACTIVE = Set.of("INACTIVE", "PENDING_ACTIVATION");

  private final IotClient iot;
  private final CertificateResource certificates;
  private Map<String, List<DeviceCertificate>> byCommonName;

  LeftoverCertificates(IotClient iot, CertificateResource certificates) {
    this.iot = iot;
    this.certificates = certificates;
  }

  /** The leftovers of one thing name. */
  List<DeviceCertificate> of(String thingName) {
    List<DeviceCertificate> leftovers = new ArrayList<>();
    for (DeviceCertificate c : candidates(thingName)) {
      // Attachment may have changed since the scan; the certificate may be gone too.
      if (certificates.describe(c.id()).isPresent() && certificates.things(c.arn()).isEmpty()) {
        leftovers.add(c);
      }
    }
    return leftovers;
  }

  private synchronized List<DeviceCertificate> candidates(String thingName) {
    if (byCommonName == null) {
      byCommonName = new HashMap<>();
      for (Certificate c : iot.listCertificatesPaginator(r -> r.pageSize(250)).certificates()) {
        if (!NOT_ACTIVE.contains(c.statusAsString())) {
          continue;
        }
        certificates.describe(c.certificateId()).ifPresent(d -> d.commonName().ifPresent(cn ->
            byCommonName.computeIfAbsent(cn, k -> new ArrayList<>()).add(d)));
      }
    }
    return List.copyOf(byCommonName.getOrDefault(thingName, List.of()));
  }
}
