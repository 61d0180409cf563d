package dev.iotsys.internal.sensor.steps;

import static dev.iotsys.internal.aws.AwsCall.aws;

import dev.iotsys.api.Outcome;
import dev.iotsys.internal.crypto.DeviceKey;
import dev.iotsys.internal.iot.CertificateResource;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.sensor.local.KeyFolder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sensor's certificate: the one found (attached, or left by an interrupted run) that a key here
 * certifies, or one issued from a CSR for the key, INACTIVE. The request record is written and
 * synced before the request goes out, and names the certificate once AWS answered.
 */
public final class CertificateStep extends SensorStep<DeviceCertificate> {
  private final Optional<DeviceCertificate> chosen;
  private final KeyFolder keys;
  private final String shown;
  private final Optional<DeviceKey> signer;
  private final CertificateResource certificates;
  private final LeftoverCertificates leftovers;
  private final Supplier<Instant> clock;
  private final ActionLog log;

  public CertificateStep(
      String name,
      Optional<DeviceCertificate> chosen,
      KeyFolder keys,
      String shown,
      Optional<DeviceKey> signer,
      CertificateResource certificates,
      LeftoverCertificates leftovers,
      Supplier<Instant> clock,
      ActionLog log) {
    super("certificate", name, Outcome.CREATED);
    this.chosen = chosen;
    this.keys = keys;
    this.shown = shown;
    this.signer = signer;
    this.certificates = certificates;
    this.leftovers = leftovers;
    this.clock = clock;
    this.log = log;
  }

  @Override
  public Optional<DeviceCertificate> done() {
    return chosen;
  }

  @Override
  public List<String> plan() {
    return List.of("would issue a certificate from a CSR for the key in " + shown);
  }

  @Override
  public DeviceCertificate run() {
    DeviceKey key = signer.orElseThrow();
    String csr = key.csrPem(name());
    Instant requestedAt = clock.get();
    LocalWrite.write(() -> keys.recordRequest(requestedAt), "Cannot write to " + shown);
    DeviceCertificate issued =
        aws(
            "issuing a certificate for " + name(),
            () -> leftovers.issueOnce(csr, requestedAt, c -> key.matches(c.x509()), log));
    LocalWrite.write(() -> keys.recordIssued(issued.id()), "Cannot write to " + shown);
    log.change(
        "issued certificate "
            + issued.shortId()
            + " from a CSR (the private key stays in "
            + shown
            + ")");
    return issued;
  }
}
