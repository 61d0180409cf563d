package dev.iotsys.internal.sensor;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code certificates/NAME/}: the device's private key (PKCS#1, DER and PEM), its certificate
 * (PEM) and the certificate's id and ARN. Folder 0700, files 0600, each file replaced atomically.
 * The key is written before any call that changes the account, so a certificate issued by a run
 * that was then killed can still be matched to its key.
 */
final class KeyFolder {
  static final String KEY_DER = "private-key.der";
  static final String KEY_PEM = "private-key.pem";
  static final String CERTIFICATE_PEM = "certificate.pem";
  static final String CERTIFICATE_ID = "certificate-id";
  static final String CERTIFICATE_ARN = "certificate-arn";

  private final Path folder;

  KeyFolder(Path folder) {
    this.folder = folder;
  }

  Path path() {
    return folder;
  }

  boolean exists() {
    return Files.exists(folder);
  }

  boolean hasKey() {
    return Files.isRegularFile(folder.resolve(KEY_DER)) || Files.isRegularFile(folder.resolve(KEY_PEM));
  }

  /** The key kept here, from the DER file or else the PEM file; empty when neither is here. */
  Optional<DeviceKey> readKey() {
    Path der = folder.resolve(KEY_DER);
    Path pem = folder.resolve(KEY_PEM);
    try {
      if (Files.isRegularFile(der)) {
        return Optional.of(DeviceKey.fromPkcs1(Files.readAllBytes(der)));
      }
      if (Files.isRegularFile(pem)) {
        return Optional.of(DeviceKey.fromPkcs1Pem(Files.readString(pem, StandardCharsets.US_ASCII)));
      }
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      throw new IotsysException(ErrorKind.PRECONDITION, "Cannot read the private key in " + folder
          + " (" + e.getMessage() + "): move the folder away and add the sensor with"
          + " --new-certificate", e);
    }
  }

  /** Writes the key, DER first: the DER file is the one read back. */
  void writeKey(DeviceKey key) throws IOException {
    // certificates/ itself lists the sensors: private too.
    PrivateFiles.createFolder(folder.getParent());
    PrivateFiles.createFolder(folder);
    PrivateFiles.write(folder.resolve(KEY_DER), key.pkcs1Der());
    PrivateFiles.write(folder.resolve(KEY_PEM), key.pkcs1Pem());
  }

  /** Writes the certificate's PEM, id and ARN; returns whether any file changed. */
  boolean writeCertificate(DeviceCertificate certificate) throws IOException {
    boolean changed = PrivateFiles.write(folder.resolve(CERTIFICATE_PEM),
        certificate.pem().getBytes(StandardCharsets.US_ASCII));
    changed |= PrivateFiles.write(folder.resolve(CERTIFICATE_ID),
        (certificate.id() + "\n").getBytes(StandardCharsets.US_ASCII));
    changed |= PrivateFiles.write(folder.resolve(CERTIFICATE_ARN),
        (certificate.arn() + "\n").getBytes(StandardCharsets.US_ASCII));
    return changed;
  }

  /** Deletes a folder and everything in it; a missing folder is fine. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
