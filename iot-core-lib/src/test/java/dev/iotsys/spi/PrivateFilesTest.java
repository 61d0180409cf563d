package dev.iotsys.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @TempDir Path tmp;

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void createFolder_givesEveryFolderItCreates0700_notOnlyTheLast() throws Exception {
    Path leaf = tmp.resolve("home/sensor-x/sensors/kitchen");
    PrivateFiles.createFolder(leaf);
    for (Path p = leaf; !p.equals(tmp); p = p.getParent()) {
      assertEquals("rwx------", mode(p), p.toString());
    }
  }

  @Test
  void createFolder_onAnExistingFolder_takesAwayGroupAndOthers_butNeverAddsToTheOwner()
      throws Exception {
    Path open = Files.createDirectory(tmp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    PrivateFiles.createFolder(open);
    assertEquals("rwx------", mode(open));

    Path closed = Files.createDirectory(tmp.resolve("closed"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));
    PrivateFiles.createFolder(closed);
    assertEquals("rw-------", mode(closed));
  }

  @Test
  void write_removesTheTemporaryFileAKilledWriteLeft_andOnlyThatFilesOnes() throws Exception {
    Path file = tmp.resolve("config.json");
    Path stale = Files.createFile(tmp.resolve(".config.json.123456.tmp"));
    Path otherFiles = Files.createFile(tmp.resolve(".key.der.123456.tmp"));

    assertTrue(PrivateFiles.write(file, "{}".getBytes()));

    assertFalse(Files.exists(stale));
    assertTrue(Files.exists(otherFiles));
    assertEquals("rw-------", mode(file));
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("config.json", ".key.der.123456.tmp");
    }
  }

  @Test
  void write_ofTheSameBytes_stillRemovesAStaleTemporaryFile() throws Exception {
    Path file = tmp.resolve("cert.der");
    PrivateFiles.write(file, new byte[] {1});
    Path stale = Files.createFile(tmp.resolve(".cert.der.42.tmp"));
    assertFalse(PrivateFiles.write(file, new byte[] {1}));
    assertFalse(Files.exists(stale));
  }

  @Test
  void write_ofOtherBytes_replacesTheFileAndSaysItChanged() throws Exception {
    Path file = tmp.resolve("config.json");
    PrivateFiles.write(file, new byte[] {1});
    assertTrue(PrivateFiles.write(file, new byte[] {2}));
    assertThat(Files.readAllBytes(file)).containsExactly(2);
    assertEquals("rw-------", mode(file));
  }

  @Test
  void write_ofTheSameBytes_takesBackWhatGroupAndOthersWereGiven_withoutRewriting()
      throws Exception {
    Path file = tmp.resolve("private-key.der");
    PrivateFiles.write(file, new byte[] {7});
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertFalse(PrivateFiles.write(file, new byte[] {7}));
    assertEquals("rw-------", mode(file));
  }
}
