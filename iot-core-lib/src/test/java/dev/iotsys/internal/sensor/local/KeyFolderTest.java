package dev.iotsys.internal.sensor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotsys.api.KeyState;
import dev.iotsys.internal.crypto.DeviceKey;
import dev.iotsys.spi.KeyAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a key folder holds, read without writing; the states a killed or meddled run leaves. */
class KeyFolderTest {
  private static final DeviceKey KEY = DeviceKey.generate(KeyAlgorithm.RSA_2048);

  /** Another key, of the other algorithm: a folder holds either kind. */
  private static final DeviceKey OTHER = DeviceKey.generate(KeyAlgorithm.EC_P256);

  @TempDir Path home;

  private SensorFolders folders;
  private KeyFolder keys;

  @BeforeEach
  void folders() {
    folders = new SensorFolders(home);
    keys = folders.keys("kitchen");
  }

  private KeyFolder.Contents read() {
    List<String> before = KeyFolder.snapshot(home);
    KeyFolder.Contents contents = keys.read(folders);
    assertEquals(before, KeyFolder.snapshot(home), "reading wrote nothing");
    return contents;
  }

  @Test
  void read_withoutAFolder_isAbsent_andCreatesNothing() {
    assertEquals(KeyState.ABSENT, read().state());
    assertThat(home.resolve("certificates")).doesNotExist();
  }

  @Test
  void read_ofAWrittenKey_isPresent_withBothCopiesAlike() throws Exception {
    keys.writeKey(KEY);
    KeyFolder.Contents contents = read();
    assertEquals(KeyState.PRESENT, contents.state());
    assertArrayEquals(KEY.der(), contents.key().orElseThrow().der());
    assertEquals(List.of(), contents.repairs());
  }

  /** The files a home written before EC keys existed holds are exactly what it still writes. */
  @Test
  void writeKey_writesEachAlgorithmsTraditionalForm_asOpenSslNamesThem() throws Exception {
    keys.writeKey(KEY);
    assertThat(Files.readString(keys.path().resolve(KeyFolder.KEY_PEM)))
        .startsWith("-----BEGIN RSA PRIVATE KEY-----");
    KeyFolder ec = folders.keys("porch");
    ec.writeKey(OTHER);
    assertThat(Files.readString(ec.path().resolve(KeyFolder.KEY_PEM)))
        .startsWith("-----BEGIN EC PRIVATE KEY-----");
    KeyFolder.Contents contents = ec.read(folders);
    assertEquals(KeyState.PRESENT, contents.state());
    assertEquals(KeyAlgorithm.EC_P256, contents.key().orElseThrow().algorithm());
  }

  @Test
  void writeKey_whereAKeyFileExists_refusesAndLeavesItAsItIs() throws Exception {
    keys.writeKey(KEY);
    byte[] der = Files.readAllBytes(keys.path().resolve(KeyFolder.KEY_DER));
    assertThrows(java.io.IOException.class, () -> keys.writeKey(OTHER));
    assertArrayEquals(der, Files.readAllBytes(keys.path().resolve(KeyFolder.KEY_DER)));
  }

  @Test
  void read_withTruncatedDerAndIntactPem_repairsTheDerFromThePem() throws Exception {
    keys.writeKey(KEY);
    Path der = keys.path().resolve(KeyFolder.KEY_DER);
    Files.write(der, Arrays.copyOf(KEY.der(), 100));

    KeyFolder.Contents contents = read();

    assertEquals(KeyState.INCOMPLETE, contents.state());
    assertEquals(List.of(KeyFolder.KEY_DER), contents.repairs());
    assertEquals(List.of(KeyFolder.KEY_DER), keys.repair(contents));
    assertArrayEquals(KEY.der(), Files.readAllBytes(der));
    assertEquals(KeyState.PRESENT, read().state());
  }

  @Test
  void read_withOnlyTheDer_repairsThePem() throws Exception {
    keys.writeKey(KEY);
    Files.delete(keys.path().resolve(KeyFolder.KEY_PEM));
    KeyFolder.Contents contents = read();
    assertEquals(KeyState.INCOMPLETE, contents.state());
    assertEquals(List.of(KeyFolder.KEY_PEM), contents.repairs());
  }

  @Test
  void read_withBothCopiesCorrupt_isCorrupt_namingTheFile() throws Exception {
    keys.writeKey(KEY);
    Files.write(keys.path().resolve(KeyFolder.KEY_DER), new byte[] {1, 2, 3});
    Files.writeString(keys.path().resolve(KeyFolder.KEY_PEM), "not a key");
    KeyFolder.Contents contents = read();
    assertEquals(KeyState.CORRUPT, contents.state());
    assertThat(contents.problem().orElseThrow())
        .contains("certificates/kitchen/private-key.der", "nothing was changed");
    assertEquals(Optional.empty(), contents.key());
  }

  @Test
  void read_withTwoDifferentKeys_isCorrupt_andPicksNeither() throws Exception {
    keys.writeKey(KEY);
    Files.write(keys.path().resolve(KeyFolder.KEY_PEM), OTHER.pem());
    KeyFolder.Contents contents = read();
    assertEquals(KeyState.CORRUPT, contents.state());
    assertThat(contents.problem().orElseThrow()).contains("two different keys");
  }

  @Test
  void read_ofAReplacementKilledBetweenItsTwoFiles_takesTheNewKeyAndFinishesIt() throws Exception {
    keys.writeKey(KEY);
    keys.writeNextKey(OTHER);
    // As promote() killed after its first file: DER new, PEM old, the new key's file still there.
    Files.write(keys.path().resolve(KeyFolder.KEY_DER), OTHER.der());

    KeyFolder.Contents contents = read();

    assertEquals(KeyState.INCOMPLETE, contents.state());
    assertArrayEquals(OTHER.der(), contents.key().orElseThrow().der());
    assertEquals(Optional.empty(), contents.next());
    keys.repair(contents);
    KeyFolder.Contents after = read();
    assertEquals(KeyState.PRESENT, after.state());
    assertArrayEquals(OTHER.der(), after.key().orElseThrow().der());
    assertThat(keys.path().resolve(KeyFolder.NEXT_KEY)).doesNotExist();
  }

  @Test
  void read_duringARotation_keepsTheOldKeyAndTheNewOneApart() throws Exception {
    keys.writeKey(KEY);
    keys.writeNextKey(OTHER);
    KeyFolder.Contents contents = read();
    assertEquals(KeyState.PRESENT, contents.state());
    assertArrayEquals(KEY.der(), contents.key().orElseThrow().der());
    assertArrayEquals(OTHER.der(), contents.next().orElseThrow().der());
  }

  @Test
  void read_ofASymlinkedFolder_isUnreadable_andNeverFollowsIt(@TempDir Path elsewhere)
      throws Exception {
    Files.createDirectories(home.resolve("certificates"));
    new KeyFolder(elsewhere).writeKey(KEY);
    Files.createSymbolicLink(keys.path(), elsewhere);
    KeyFolder.Contents contents = read();
    assertEquals(KeyState.UNREADABLE, contents.state());
    assertThat(contents.problem().orElseThrow()).contains("symbolic link");
  }

  @Test
  void records_nameTheRequestThenTheIssuedCertificate_andGoOnceSettled() throws Exception {
    keys.writeKey(KEY);
    Instant at = Instant.parse("2026-12-01T10:00:00Z");
    keys.recordRequest(at);
    assertEquals(Optional.of(at), read().request().orElseThrow().requestedAt());
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(keys.path().resolve(KeyFolder.REQUEST))));
    keys.recordIssued("abc");
    keys.recordRetiring(List.of("def"));
    assertEquals(List.of("abc", "def"), read().recordedIds());
    keys.clearRecords();
    assertTrue(read().recordedIds().isEmpty());
  }
}
