package dev.iotsys.internal.devicetest;

import dev.iotsys.api.IotsysException;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.internal.engine.TypeNames;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * Why AWS IoT may have closed the connection after a CONNECT: the device policy allows {@code
 * iot:Connect} only with a certificate attached to its thing, so the one thing worth reading is
 * whether it is (one call, ListThingPrincipals).
 */
final class CertificateAttachment {
  private final Supplier<IotClient> iot;

  CertificateAttachment(Supplier<IotClient> iot) {
    this.iot = iot;
  }

  /** One sentence on the certificate's attachment to its thing and what to do. */
  String explain(String typeId, String thingName, X509Certificate certificate) {
    String add = "'iotsys sensor add " + typeId + " " + thingName + "'";
    List<String> principals;
    try {
      principals = iot.get().listThingPrincipals(r -> r.thingName(thingName)).principals();
    } catch (ResourceNotFoundException e) {
      return "thing "
          + thingName
          + " does not exist in this account and region: "
          + add
          + " makes it";
    } catch (SdkException e) {
      return "whether the certificate is attached to its thing could not be read ("
          + AwsErrors.translate(e, "listing the principals of thing " + thingName).getMessage()
          + ")";
    } catch (IotsysException e) {
      return "whether the certificate is attached to its thing could not be read ("
          + e.getMessage()
          + ")";
    }
    String id = certificateId(certificate);
    if (principals.stream().anyMatch(arn -> arn.endsWith("/" + id))) {
      return "the certificate is attached to thing "
          + thingName
          + ", so the policy refused:"
          + " check that policy "
          + new TypeNames(typeId).devicePolicy()
          + " is attached to the"
          + " certificate and allows iot:Connect for client "
          + thingName
          + " ("
          + add
          + " attaches it; 'iotsys install' repairs the policy)";
    }
    return "the certificate is not attached to thing "
        + thingName
        + " ("
        + (principals.isEmpty() ? "it has none" : "it has " + principals.size() + " other")
        + "), and the policy allows only a certificate attached to its thing: "
        + add
        + " attaches it";
  }

  /** AWS IoT's id of a certificate: the SHA-256 of its DER form, in hex. */
  static String certificateId(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("Cannot hash a certificate: " + e, e);
    }
  }
}
