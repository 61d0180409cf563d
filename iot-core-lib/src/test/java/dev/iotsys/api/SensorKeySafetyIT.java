package dev.iotsys.api;

import static dev.iotsys.internal.sensor.SensorFixtures.activeCertificates;
import static dev.iotsys.internal.sensor.SensorFixtures.add;
import static dev.iotsys.internal.sensor.SensorFixtures.addWithNewCertificate;
import static dev.iotsys.internal.sensor.SensorFixtures.certificates;
import static dev.iotsys.internal.sensor.SensorFixtures.install;
import static dev.iotsys.internal.sensor.SensorFixtures.iotsys;
import static dev.iotsys.internal.sensor.SensorFixtures.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * No key is ever overwritten: a key that exists but cannot be used stops {@code sensor add} with
 * the file's name and nothing written; one intact copy repairs the other; a rotation makes a new
 * key and retires the old certificate only once the new one is active. (The unreadable cases need a
 * user root is not: the command line module's UnreadableKeyIT.)
 */
@ExtendWith(MotoServer.class)
class SensorKeySafetyIT {
  @TempDir Path home;

  private Path keys() {
    return home.resolve("certificates/kitchen");
  }

  /** Every file under the home with its bytes, to prove a refused run changed nothing. */
  private TreeMap<String, String> files() throws Exception {
    TreeMap<String, String> all = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(home)) {
      for (Path p : walk.toList()) {
        all.put(
            home.relativize(p).toString(),
            Files.isRegularFile(p)
                ? Arrays.toString(Files.readAllBytes(p)) + " " + Files.getPosixFilePermissions(p)
                : "folder " + Files.getPosixFilePermissions(p));
      }
    }
    return all;
  }

  private static void assertRefusedAndNothingWritten(SensorsResult result, String... message) {
    SensorResult kitchen = result.sensors().get(0);
    assertEquals(SensorOutcome.FAILED, kitchen.outcome(), kitchen.toString());
    assertEquals(Optional.of(ErrorKind.PRECONDITION), kitchen.errorKind());
    assertThat(kitchen.error().orElseThrow()).contains(message).contains("nothing was changed");
    assertEquals(0, result.apiCalls().write(), result.apiCalls().toString());
  }

  @Test
  void add_whenBothKeyCopiesAreCorrupt_failsNamingTheFile_andWritesNothing(MotoServer.Instance moto)
      throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      Files.write(keys().resolve("private-key.der"), new byte[] {48, 3, 2, 1});
      Files.writeString(keys().resolve("private-key.pem"), "-----BEGIN RSA PRIVATE KEY-----\n");
      TreeMap<String, String> before = files();

      SensorsResult result = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);

      assertRefusedAndNothingWritten(result, "certificates/kitchen/private-key.der");
      assertEquals(before, files());
      assertEquals(1, activeCertificates(iot));
    }
  }

  @Test
  void add_withNewCertificate_whenTheKeyIsCorrupt_stillRefuses_neverReplacingTheFile(
      MotoServer.Instance moto) throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      Files.write(keys().resolve("private-key.der"), new byte[] {1});
      Files.write(keys().resolve("private-key.pem"), new byte[] {2});
      TreeMap<String, String> before = files();

      SensorsResult result =
          iotsys.addSensors(addWithNewCertificate("kitchen"), IotsysListener.NONE);

      assertRefusedAndNothingWritten(result, "private-key.der");
      assertEquals(before, files());
    }
  }

  @Test
  void add_withTruncatedDerAndIntactPem_rewritesTheDerFromThePem_andTouchesNothingInAws(
      MotoServer.Instance moto) throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      byte[] der = Files.readAllBytes(keys().resolve("private-key.der"));
      Files.write(keys().resolve("private-key.der"), Arrays.copyOf(der, der.length / 2));

      SensorsResult repaired = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);

      SensorResult kitchen = repaired.sensors().get(0);
      assertEquals(SensorOutcome.UPDATED, kitchen.outcome(), kitchen.toString());
      assertThat(kitchen.actions())
          .containsExactly(
              "rewrote certificates/kitchen/private-key.der from the intact copy of the key");
      assertArrayEquals(der, Files.readAllBytes(keys().resolve("private-key.der")));
      assertEquals(0, repaired.apiCalls().write());
      assertEquals(KeyState.PRESENT, iotsys.listSensors(Optional.empty()).get(0).keyState());
    }
  }

  @Test
  void add_whenTheKeyIsAnotherKey_failsAsMismatched_andWritesNothing(MotoServer.Instance moto)
      throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      Path elsewhere = home.resolve("other");
      try (Iotsys other = iotsys(moto, elsewhere)) {
        other.addSensors(add("attic"), IotsysListener.NONE);
      }
      for (String f : List.of("private-key.der", "private-key.pem")) {
        Files.copy(
            elsewhere.resolve("certificates/attic").resolve(f),
            keys().resolve(f),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      TreeMap<String, String> before = files();

      SensorsResult result = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);

      assertRefusedAndNothingWritten(result, "does not certify certificate", "certificate-id");
      assertEquals(before, files());
      assertEquals(
          KeyState.MISMATCHED,
          iotsys.listSensors(Optional.empty()).stream()
              .filter(s -> s.name().equals("kitchen"))
              .findFirst()
              .orElseThrow()
              .keyState());
    }
  }

  @Test
  void add_fromAFolderThatIsNotTheSensorsHome_refusesAndCreatesNoFolderThere(
      MotoServer.Instance moto, @TempDir Path wrongFolder) throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home)) {
      iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
    }
    try (Iotsys wrong = iotsys(moto, wrongFolder)) {
      SensorsResult result = wrong.addSensors(add("kitchen"), IotsysListener.NONE);
      assertRefusedAndNothingWritten(result, "provisioned from another home");
    }
    try (Stream<Path> left = Files.list(wrongFolder)) {
      assertThat(left.toList()).as("nothing written into the wrong folder").isEmpty();
    }
  }

  @Test
  void add_throughASymlinkedKeyFolder_refusesWithOneLine_andWritesNothingInTheTarget(
      MotoServer.Instance moto, @TempDir Path target) throws Exception {
    install(moto, home);
    Files.createDirectories(home.resolve("certificates"));
    Files.createSymbolicLink(keys(), target);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      SensorsResult result = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      SensorResult kitchen = result.sensors().get(0);
      assertEquals(Optional.of(ErrorKind.PRECONDITION), kitchen.errorKind());
      assertThat(kitchen.error().orElseThrow())
          .contains("certificates/kitchen is a symbolic link")
          .doesNotContain("\n");
      assertEquals(0, result.apiCalls().write());
      assertThat(iot.listThings().things()).isEmpty();

      SensorsResult removed = iotsys.removeSensors(remove("kitchen"), IotsysListener.NONE);
      assertThat(removed.sensors().get(0).error().orElseThrow()).contains("symbolic link");
    }
    try (Stream<Path> left = Files.list(target)) {
      assertThat(left.toList()).isEmpty();
    }
    assertThat(keys()).isSymbolicLink();
  }

  @Test
  void add_withNewCertificate_makesANewKey_andRetiresTheOldCertificateOnlyOnceTheNewIsActive(
      MotoServer.Instance moto) throws Exception {
    install(moto, home);
    try (Iotsys iotsys = iotsys(moto, home);
        IotClient iot = MotoAws.iot(moto)) {
      String old =
          iotsys
              .addSensors(add("kitchen"), IotsysListener.NONE)
              .sensors()
              .get(0)
              .certificateId()
              .orElseThrow();
      byte[] oldKey = Files.readAllBytes(keys().resolve("private-key.der"));

      SensorResult rotated =
          iotsys.addSensors(addWithNewCertificate("kitchen"), IotsysListener.NONE).sensors().get(0);

      assertEquals(SensorOutcome.UPDATED, rotated.outcome(), rotated.toString());
      String fresh = rotated.certificateId().orElseThrow();
      byte[] newKey = Files.readAllBytes(keys().resolve("private-key.der"));
      assertFalse(Arrays.equals(oldKey, newKey), "a new key, not the old one certified again");
      List<String> actions = new ArrayList<>(rotated.actions());
      int activated = actions.indexOf("activated certificate " + fresh.substring(0, 12));
      int deactivated = actions.indexOf("deactivated certificate " + old.substring(0, 12));
      int replaced =
          actions.indexOf("replaced the private key in certificates/kitchen with the new one");
      assertThat(activated).as(actions.toString()).isNotNegative().isLessThan(deactivated);
      assertThat(deactivated).isLessThan(replaced);
      assertEquals(List.of(fresh), certificates(iot).stream().map(c -> c.certificateId()).toList());
      String pem =
          iot.describeCertificate(r -> r.certificateId(fresh))
              .certificateDescription()
              .certificatePem();
      X509Certificate x509 =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pem.getBytes()));
      assertEquals(
          ((RSAPublicKey) x509.getPublicKey()).getModulus(),
          RSAPrivateKey.getInstance(newKey).getModulus());
      assertThat(keys().resolve("private-key.next.der")).doesNotExist();
      assertEquals(fresh, Files.readString(keys().resolve("certificate-id")).trim());

      SensorsResult again = iotsys.addSensors(add("kitchen"), IotsysListener.NONE);
      assertEquals(SensorOutcome.UNCHANGED, again.sensors().get(0).outcome());
      assertEquals(0, again.apiCalls().write());
    }
  }
}
