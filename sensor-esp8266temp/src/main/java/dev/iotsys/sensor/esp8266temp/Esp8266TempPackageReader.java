package dev.iotsys.sensor.esp8266temp;

import dev.iotsys.sensor.micropython.DeviceConfig;
import dev.iotsys.sensor.micropython.FirmwareContract;
import dev.iotsys.sensor.micropython.PackageFolder;
import dev.iotsys.sensor.micropython.Payload;
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
 * Reads an ESP8266 package as {@code settings.py} and {@code net.py} do on the board: {@code
 * cert.der}, {@code key.der} (RSA, PKCS#1) and {@code config.json}, whose optional settings take
 * the contract's defaults. The board speaks TLS 1.2 only and checks no server certificate (axTLS
 * cannot): the connection it returns has no trust anchors. Messages name files and keys, never
 * values: {@code config.json} holds the Wi-Fi password.
 */
final class Esp8266TempPackageReader implements DevicePackageReader {
  /** axTLS speaks TLS 1.2 and nothing newer. */
  static final List<String> TLS_VERSIONS = List.of("TLSv1.2");

  private final FirmwareContract contract;

  Esp8266TempPackageReader(FirmwareContract contract) {
    this.contract = contract;
  }

  @Override
  public DeviceConnection read(Path folder) throws IOException {
    List<X509Certificate> chain =
        PackageFolder.certificates(folder, Esp8266TempPackageWriter.CERT, "DER");
    byte[] key = PackageFolder.file(folder, Esp8266TempPackageWriter.KEY);
    DeviceConfig config = DeviceConfig.read(folder, Esp8266TempPackageWriter.CONFIG, contract);
    PrivateKey privateKey = pkcs1(key);
    if (privateKey == null) {
      throw new IOException(
          Esp8266TempPackageWriter.KEY
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

  /** The message as DEVICE-CONTRACT.md fixes it: hundredths rounded half away from zero. */
  @Override
  public byte[] payload(Map<String, BigDecimal> values) {
    return Payload.json(values);
  }
}
