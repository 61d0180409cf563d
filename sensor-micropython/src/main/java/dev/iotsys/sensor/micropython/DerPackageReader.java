package dev.iotsys.sensor.micropython;

import dev.iotsys.spi.Der;
import dev.iotsys.spi.DeviceConnection;
import dev.iotsys.spi.DevicePackageReader;
import dev.iotsys.spi.KeyFormats;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * Reads a package as a board with axTLS (MicroPython on the ESP8266) reads it: the contract's
 * certificate in DER, its private key as RSA PKCS#1 DER (the only form axTLS reads) and its {@code
 * config.json}, whose optional settings take the contract's defaults. The board speaks TLS 1.2 only
 * and checks no server certificate (axTLS cannot): the connection has no trust anchors. Messages
 * name files and keys, never values: the config holds the Wi-Fi password. A type's reader extends
 * this one, or a generated type's does.
 */
public class DerPackageReader implements DevicePackageReader {
  /** axTLS speaks TLS 1.2 and nothing newer. */
  public static final List<String> TLS_VERSIONS = List.of("TLSv1.2");

  private final FirmwareContract contract;

  /**
   * A reader of the packages the contract describes.
   *
   * @param contract the type's firmware contract: its package files by role (certificate, key,
   *     config) and its settings
   */
  public DerPackageReader(FirmwareContract contract) {
    this.contract = contract;
  }

  @Override
  public DeviceConnection read(Path folder) throws IOException {
    String keyFile = contract.packageFile("key");
    List<X509Certificate> chain =
        PackageFolder.certificates(folder, contract.packageFile("certificate"), "DER");
    byte[] key = PackageFolder.file(folder, keyFile);
    DeviceConfig config = DeviceConfig.read(folder, contract.packageFile("config"), contract);
    PrivateKey privateKey = pkcs1(key);
    if (privateKey == null) {
      throw new IOException(
          keyFile
              + " is not an RSA private key in PKCS#1 DER form (the only form the board reads)");
    }
    return config.connection(chain, privateKey, List.of(), TLS_VERSIONS);
  }

  /**
   * The key, when it is what axTLS reads: PKCS#1 DER, a SEQUENCE of nine INTEGERs (version 0, n, e,
   * d, p, q and the CRT values). A PKCS#8 key, which the JDK would read, the board cannot.
   */
  private static PrivateKey pkcs1(byte[] der) {
    try {
      List<Der.Element> fields = Der.read(der).children();
      if (fields.size() != 9
          || !fields.stream().allMatch(f -> f.tag() == Der.INTEGER)
          || fields.get(0).integer().signum() != 0) {
        return null;
      }
      return KeyFormats.privateKey(der);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The message as the firmware's message.py writes it: hundredths, half away from zero. */
  @Override
  public byte[] payload(Map<String, BigDecimal> values) {
    return Payload.json(values);
  }
}
