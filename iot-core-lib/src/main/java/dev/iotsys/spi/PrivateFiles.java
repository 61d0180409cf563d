package dev.iotsys.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/**
 * Files that hold keys and passwords: folders readable only by their owner (0700), files too
 * (0600), and every file replaced atomically, so a run killed while writing leaves either the old
 * file or the new one, never half of one. Permissions are skipped where the file system has none
 * (Windows).
 */
public final class PrivateFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /**
   * Creates a folder and its missing parents; the folder itself gets 0700.
   *
   * @param folder the folder to create; it may exist already
   * @return the folder
   * @throws IOException when the folder cannot be created or its permissions set
   */
  public static Path createFolder(Path folder) throws IOException {
    Files.createDirectories(folder);
    if (POSIX) {
      Files.setPosixFilePermissions(folder, FOLDER);
    }
    return folder;
  }

  /**
   * Writes a file atomically with 0600 (a temporary file in the same folder, then a move),
   * unless it already holds exactly these bytes. Creates the folder (0700) when missing.
   *
   * @param file the file to write
   * @param content the bytes the file should hold
   * @return whether the file was created or changed
   * @throws IOException when the file cannot be read, written or moved into place
   */
  public static boolean write(Path file, byte[] content) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      createFolder(folder);
    }
    if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), content)) {
      if (POSIX && !Files.getPosixFilePermissions(file).equals(FILE)) {
        Files.setPosixFilePermissions(file, FILE);
      }
      return false;
    }
    FileAttribute<?>[] attributes = POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(folder, "." + file.getFileName(), ".tmp", attributes);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
        out.write(content);
        out.flush();
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
    return true;
  }
}
