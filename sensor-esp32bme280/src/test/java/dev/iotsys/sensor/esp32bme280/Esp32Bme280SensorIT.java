package dev.iotsys.sensor.esp32bme280;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotsys.api.AddSensorsRequest;
import dev.iotsys.api.Iotsys;
import dev.iotsys.api.IotsysListener;
import dev.iotsys.api.SensorResult;
import dev.iotsys.sensor.micropython.AmazonRootsTest;
import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import dev.iotsys.testing.TestCa;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * {@code sensor add esp32bme280} against moto: an EC P-256 key made here, its CSR certified by
 * CreateCertificateFromCsr (the tests' moto launcher signs the CSR's own key with the test CA), and
 * a package the board copies as it is. Each file is read back with BouncyCastle.
 */
@ExtendWith(MotoServer.class)
class Esp32Bme280SensorIT {
  private static final String PASSWORD = "my pa$$ / & \" \\ word";

  @TempDir Path home;

  private static AddSensorsRequest add(String name, Map<String, String> settings) {
    return new AddSensorsRequest(
        Esp32Bme280SensorType.ID, List.of(name), "n", PASSWORD, false, false, settings, false);
  }

  private Iotsys iotsys(MotoServer.Instance moto) {
    return MotoAws.iotsys(moto).home(home).build();
  }

  private static Object pem(Path file) throws Exception {
    try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file)))) {
      return parser.readObject();
    }
  }

  /** Whether the certificate's public key verifies what the private key signed. */
  private static boolean certifies(X509Certificate certificate, PrivateKey key) throws Exception {
    String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
    byte[] data = new byte[32];
    new SecureRandom().nextBytes(data);
    Signature s = Signature.getInstance(algorithm);
    s.initSign(key);
    s.update(data);
    byte[] signature = s.sign();
    Signature v = Signature.getInstance(algorithm);
    v.initVerify(certificate.getPublicKey());
    v.update(data);
    return v.verify(signature);
  }

  @Test
  void add_writesAPackageWithAnEcKey_theCertificateIssuedForIt_theAmazonRoots_andTheConfig(
      MotoServer.Instance moto) throws Exception {
    SensorResult porch;
    try (Iotsys iotsys = iotsys(moto)) {
      iotsys.install("home", false, IotsysListener.NONE);
      porch = iotsys.addSensors(add("porch", Map.of()), IotsysListener.NONE).sensors().get(0);
    }
    assertTrue(porch.error().isEmpty(), porch.toString());
    Path pkg = home.resolve("sensor-esp32bme280/sensors/porch");
    assertEquals(pkg, porch.packageFolder().orElseThrow());

    PrivateKey key =
        new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) pem(pkg.resolve("key.pem")));
    assertEquals("EC", key.getAlgorithm());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(pkg.resolve("key.pem"))));
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate((X509CertificateHolder) pem(pkg.resolve("cert.pem")));
    assertTrue(certifies(certificate, key), "the certificate is issued for the package's key");
    certificate.verify(TestCa.shared().caCertificate().getPublicKey());
    assertEquals("CN=porch", certificate.getSubjectX500Principal().getName());
    try (IotClient iot = MotoAws.iot(moto)) {
      String pemInAws =
          iot.describeCertificate(r -> r.certificateId(porch.certificateId().orElseThrow()))
              .certificateDescription()
              .certificatePem();
      assertEquals(
          certificate,
          new JcaX509CertificateConverter()
              .getCertificate(
                  (X509CertificateHolder) new PEMParser(new StringReader(pemInAws)).readObject()));
    }
    List<String> roots = new java.util.ArrayList<>();
    try (PEMParser parser =
        new PEMParser(new StringReader(Files.readString(pkg.resolve("ca.pem"))))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        roots.add(
            new JcaX509CertificateConverter()
                .getCertificate((X509CertificateHolder) o)
                .getSubjectX500Principal()
                .getName("RFC1779"));
      }
    }
    assertEquals(AmazonRootsTest.SUBJECTS, roots);
    JsonNode config = new ObjectMapper().readTree(pkg.resolve("config.json").toFile());
    assertEquals("porch", config.get("thing_name").asText());
    assertEquals("esp32bme280/porch", config.get("topic").asText());
    assertEquals(PASSWORD, config.get("wifi_password").asText());
    assertThat(Files.readString(home.resolve("certificates/porch/private-key.pem")))
        .startsWith("-----BEGIN EC PRIVATE KEY-----");
  }

  @Test
  void add_withKeyRsa_makesAnRsaKey_thatItsCertificateCertifies(MotoServer.Instance moto)
      throws Exception {
    SensorResult shed;
    try (Iotsys iotsys = iotsys(moto)) {
      iotsys.install("home", false, IotsysListener.NONE);
      shed =
          iotsys
              .addSensors(add("shed", Map.of("key", "rsa")), IotsysListener.NONE)
              .sensors()
              .get(0);
    }
    assertTrue(shed.error().isEmpty(), shed.toString());
    Path pkg = home.resolve("sensor-esp32bme280/sensors/shed");
    PrivateKey key =
        new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) pem(pkg.resolve("key.pem")));
    assertEquals("RSA", key.getAlgorithm());
    X509Certificate certificate =
        new JcaX509CertificateConverter()
            .getCertificate((X509CertificateHolder) pem(pkg.resolve("cert.pem")));
    assertTrue(certifies(certificate, key));
    assertThat(Files.readString(pkg.resolve("config.json"))).doesNotContain("\"key\"");
  }
}
