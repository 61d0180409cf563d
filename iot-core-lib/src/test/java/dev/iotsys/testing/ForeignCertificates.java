package dev.iotsys.testing;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import software.amazon.awssdk.services.iot.IotClient;

/** Certificates made outside iotsys, as another team or tool in the same account makes them. */
public final class ForeignCertificates {
  /** Another team's policy, attached to their certificates. */
  public static final String POLICY = "other-team-devices";

  private static final String DOCUMENT =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
          + "\"Allow\",\"Action\":\"iot:Connect\",\"Resource\":\"*\"}]}";

  private ForeignCertificates() {}

  /** A PEM certificate request with subject {@code CN=commonName}, for a key made here. */
  public static String csr(String commonName) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair pair = g.generateKeyPair();
      var request =
          new JcaPKCS10CertificationRequestBuilder(
                  new X500Name("CN=" + commonName), pair.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
      StringWriter out = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(out)) {
        w.writeObject(request);
      }
      return out.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * An INACTIVE certificate with subject {@code CN=commonName}, attached to no thing, with the
   * other team's policy attached: what iotsys once took for its own leftover by the name alone.
   *
   * @return its id
   */
  public static String inactiveWithPolicy(IotClient iot, String commonName) {
    if (iot.listPolicies().policies().stream().noneMatch(p -> p.policyName().equals(POLICY))) {
      iot.createPolicy(r -> r.policyName(POLICY).policyDocument(DOCUMENT));
    }
    var created =
        iot.createCertificateFromCsr(
            r -> r.certificateSigningRequest(csr(commonName)).setAsActive(false));
    iot.attachPolicy(r -> r.policyName(POLICY).target(created.certificateArn()));
    return created.certificateId();
  }

  /** Whether the certificate is still there, INACTIVE, with the other team's policy. */
  public static boolean intact(IotClient iot, String id) {
    try {
      var d = iot.describeCertificate(r -> r.certificateId(id)).certificateDescription();
      return "INACTIVE".equals(d.statusAsString())
          && iot.listAttachedPolicies(r -> r.target(d.certificateArn())).policies().stream()
              .anyMatch(p -> p.policyName().equals(POLICY));
    } catch (software.amazon.awssdk.services.iot.model.ResourceNotFoundException gone) {
      return false;
    }
  }
}
