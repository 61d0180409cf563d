package dev.iotsys.internal.sensor.steps;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.Outcome;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.internal.sensor.local.KeyFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/**
 * The certificate's PEM, id and ARN in the key folder; the request and retirement records go, since
 * what they name is settled.
 */
public final class CertificateFilesStep extends SensorStep<Boolean> {
  private final KeyFolder keys;
  private final Optional<DeviceCertificate> certificate;
  private final ActionLog log;

  public CertificateFilesStep(
      KeyFolder keys, String shown, Optional<DeviceCertificate> certificate, ActionLog log) {
    super(
        "certificate-files",
        shown,
        Files.exists(keys.path().resolve(KeyFolder.CERTIFICATE_PEM))
            ? Outcome.UPDATED
            : Outcome.CREATED);
    this.keys = keys;
    this.certificate = certificate;
    this.log = log;
  }

  @Override
  public Optional<Boolean> done() {
    return certificate.filter(c -> keys.holds(c) && !keys.hasRecords()).map(c -> false);
  }

  @Override
  public List<String> plan() {
    return List.of(
        "would write "
            + certificate.map(c -> "certificate " + c.shortId()).orElse("the new certificate")
            + " to "
            + name());
  }

  @Override
  public Boolean run() {
    DeviceCertificate c = certificate.orElseThrow();
    try {
      boolean changed = keys.writeCertificate(c);
      if (changed) {
        log.change("wrote certificate " + c.shortId() + " to " + name());
      }
      keys.clearRecords();
      return changed;
    } catch (IOException e) {
      throw new IotsysException(
          ErrorKind.INTERNAL,
          "Cannot write the certificate to " + name() + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public boolean changed(Boolean written) {
    return written;
  }
}
