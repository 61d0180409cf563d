package dev.iotsys.spi;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Files that hold keys and passwords: folders readable only by their owner (0700), files too
 * (0600), and every file replaced atomically, so a run killed while writing leaves either the old
 * file or the new one, never half of one; the temporary file such a kill leaves is removed by the
 * next write of the same file. The modes are set explicitly, so the umask never widens them.
 * Permissions are skipped where the file system has none (Windows).
 */
public final class PrivateFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> FOLDER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> GROUP_AND_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
  private static final String TEMP_SUFFIX = ".tmp";

  private PrivateFiles() {}

  /**
   * Creates a folder and its missing parents, each new one with mode 0700 whatever the umask. A
   * folder that exists already loses its group and other permissions; its owner's are left as they
   * are.
   *
   * @param folder the folder to create; it may exist already
   * @return the folder
   * @throws IOException when the folder cannot be created or its permissions set
   */
  public static Path createFolder(Path folder) throws IOException {
    Path absolute = folder.toAbsolutePath().normalize();
    List<Path> missing = new ArrayList<>();
    for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
      missing.add(0, p);
    }
    for (Path p : missing) {
      try {
        if (POSIX) {
          Files.createDirectory(p, PosixFilePermissions.asFileAttribute(FOLDER));
          Files.setPosixFilePermissions(p, FOLDER);
        } else {
          Files.createDirectory(p);
        }
      } catch (FileAlreadyExistsException e) {
        if (!Files.isDirectory(p)) {
          throw e;
        }
      }
    }
    if (POSIX && missing.isEmpty()) {
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(absolute);
      if (mode.removeAll(GROUP_AND_OTHERS)) {
        Files.setPosixFilePermissions(absolute, mode);
      }
    }
    return folder;
  }

  /**
   * Writes a file atomically with 0600 (a temporary file in the same folder, then a move), unless
   * it already holds exactly these bytes. Creates the folder (0700) when missing. Temporary files
   * an interrupted write of the same file left are deleted first.
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
    deleteStaleTemporaries(file);
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        && Arrays.equals(Files.readAllBytes(file), content)) {
      if (POSIX && !Files.getPosixFilePermissions(file).equals(FILE)) {
        Files.setPosixFilePermissions(file, FILE);
      }
      return false;
    }
    FileAttribute<?>[] attributes =
        POSIX
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
            : new FileAttribute<?>[0];
    Path temp = Files.createTempFile(folder, tempPrefix(file), TEMP_SUFFIX, attributes);
    try {
      if (POSIX) {
        Files.setPosixFilePermissions(temp, FILE);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = Channels.newOutputStream(channel)) {
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

  /**
   * Deletes the temporary files that writes of {@code file} left when they were killed between
   * creating and moving them.
   *
   * @param file the file whose leftovers are deleted
   * @throws IOException when the folder cannot be listed or a leftover deleted
   */
  public static void deleteStaleTemporaries(Path file) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      return;
    }
    String prefix = tempPrefix(file);
    List<Path> stale = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            folder,
            e ->
                e.getFileName().toString().startsWith(prefix)
                    && e.getFileName().toString().endsWith(TEMP_SUFFIX))) {
      entries.forEach(stale::add);
    }
    for (Path p : stale) {
      Files.deleteIfExists(p);
    }
  }

  /** {@code .NAME.} then random digits: a dot file that names the file it will replace. */
  private static String tempPrefix(Path file) {
    return "." + file.getFileName() + ".";
  }
}
