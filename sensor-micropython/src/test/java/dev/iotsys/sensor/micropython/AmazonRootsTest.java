package dev.iotsys.sensor.micropython;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

public class AmazonRootsTest {
  /** The subjects of the roots AWS IoT's developer guide lists ("Server authentication"). */
  public static final List<String> SUBJECTS =
      List.of(
          "CN=Amazon Root CA 1, O=Amazon, C=US",
          "CN=Amazon Root CA 2, O=Amazon, C=US",
          "CN=Amazon Root CA 3, O=Amazon, C=US",
          "CN=Amazon Root CA 4, O=Amazon, C=US");

  /**
   * The four roots AWS IoT's developer guide lists for the ATS endpoints ("Server authentication"),
   * by their subjects, each self-signed and found in the JDK's cacerts file itself, read here as a
   * key store apart from the trust manager the code uses.
   */
  @Test
  void fromJdk_isAmazonRootCa1To4_fromTheJdksCacerts() throws Exception {
    List<X509Certificate> roots = AmazonRoots.fromJdk();

    assertEquals(
        SUBJECTS, roots.stream().map(c -> c.getSubjectX500Principal().getName("RFC1779")).toList());
    KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
    try (InputStream in =
        Files.newInputStream(
            Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
      cacerts.load(in, null);
    }
    List<X509Certificate> all = new ArrayList<>();
    for (String alias : Collections.list(cacerts.aliases())) {
      if (cacerts.getCertificate(alias) instanceof X509Certificate c) {
        all.add(c);
      }
    }
    for (X509Certificate root : roots) {
      root.verify(root.getPublicKey());
      assertThat(all).contains(root);
    }
  }

  @Test
  void pick_fromAStoreWithoutThem_failsNamingEachMissingRoot() {
    List<X509Certificate> onlyTwo = AmazonRoots.fromJdk().subList(0, 2);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> AmazonRoots.pick(onlyTwo));
    assertThat(e.getMessage())
        .startsWith("The JDK's trust store lacks Amazon Root CA 3, Amazon Root CA 4,");
  }
}
