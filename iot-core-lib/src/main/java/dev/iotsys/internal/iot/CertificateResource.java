package dev.iotsys.internal.iot;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.internal.aws.CallRetries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Certificate;
import software.amazon.awssdk.services.iot.model.CertificateDescription;
import software.amazon.awssdk.services.iot.model.CertificateStatus;
import software.amazon.awssdk.services.iot.model.CreateCertificateFromCsrResponse;
import software.amazon.awssdk.services.iot.model.Policy;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/** Device certificates in AWS IoT: issue from a CSR, describe, attach policies, retire. */
public final class CertificateResource {
  private final IotClient iot;

  public CertificateResource(IotClient iot) {
    this.iot = iot;
  }

  public static String idOf(String arn) {
    return arn.substring(arn.lastIndexOf('/') + 1);
  }

  public static boolean isCertificateArn(String principal) {
    return principal.contains(":cert/");
  }

  /** The certificates attached to a thing, described; one deleted meanwhile is left out. */
  public List<DeviceCertificate> ofThing(ThingResource things, String thing) {
    List<DeviceCertificate> attached = new ArrayList<>();
    for (String arn :
        aws("listing the certificates of thing " + thing, () -> things.certificates(thing))) {
      String id = idOf(arn);
      aws("reading certificate " + id, () -> describe(id)).ifPresent(attached::add);
    }
    return attached;
  }

  /** The most ListCertificates gives in one page. */
  public static final int PAGE_SIZE = 250;

  /**
   * Every certificate of the account by id, in pages: id, ARN and status, no PEM ({@link
   * DeviceCertificate#described()} is false).
   */
  public Map<String, DeviceCertificate> listing() {
    Map<String, DeviceCertificate> all = new LinkedHashMap<>();
    for (Certificate c : iot.listCertificatesPaginator(r -> r.pageSize(PAGE_SIZE)).certificates()) {
      all.put(
          c.certificateId(),
          new DeviceCertificate(c.certificateId(), c.certificateArn(), c.statusAsString(), null));
    }
    return all;
  }

  public Optional<DeviceCertificate> describe(String id) {
    try {
      CertificateDescription d =
          iot.describeCertificate(r -> r.certificateId(id)).certificateDescription();
      return Optional.of(
          new DeviceCertificate(
              d.certificateId(), d.certificateArn(), d.statusAsString(), d.certificatePem()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Issues a certificate for the CSR, INACTIVE until its thing and policy are attached. Sent once,
   * without the SDK's retries: AWS issues a new certificate on every request, so a request whose
   * answer was lost must not simply be sent again (the certificate step looks first).
   */
  public DeviceCertificate createInactive(String csrPem) {
    CreateCertificateFromCsrResponse created =
        iot.createCertificateFromCsr(
            r ->
                r.certificateSigningRequest(csrPem)
                    .setAsActive(false)
                    .overrideConfiguration(o -> o.addPlugin(CallRetries.sendOnce())));
    return new DeviceCertificate(
        created.certificateId(),
        created.certificateArn(),
        DeviceCertificate.INACTIVE,
        created.certificatePem());
  }

  public void setStatus(String id, CertificateStatus status) {
    iot.updateCertificate(r -> r.certificateId(id).newStatus(status));
  }

  public List<String> attachedPolicies(String arn) {
    return iot
        .listAttachedPoliciesPaginator(r -> r.target(arn).recursive(false))
        .policies()
        .stream()
        .map(Policy::policyName)
        .toList();
  }

  public void attachPolicy(String policy, String arn) {
    iot.attachPolicy(r -> r.policyName(policy).target(arn));
  }

  /** Detaches the policy; one not attached (a retried call whose answer was lost) is detached. */
  public void detachPolicy(String policy, String arn) {
    try {
      iot.detachPolicy(r -> r.policyName(policy).target(arn));
    } catch (ResourceNotFoundException e) {
      // not attached any more: detached either way
    }
  }

  /** The things a certificate is attached to. */
  public List<String> things(String arn) {
    return iot.listPrincipalThingsPaginator(r -> r.principal(arn)).things().stream().toList();
  }

  /** Deletes a certificate that is INACTIVE, with no policy and no thing attached. */
  public void delete(String id) {
    iot.deleteCertificate(r -> r.certificateId(id));
  }

  /** Deletes such a certificate unless it is gone already. */
  public void deleteIfPresent(String id) {
    try {
      delete(id);
    } catch (ResourceNotFoundException e) {
      // gone: what was wanted
    }
  }
}
