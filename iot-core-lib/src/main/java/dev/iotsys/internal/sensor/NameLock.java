package dev.iotsys.internal.sensor;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.internal.sensor.local.SensorFolders;
import dev.iotsys.spi.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One run at a time per sensor name and home folder, across threads of this JVM and across
 * processes on this machine. Without it, two {@code sensor add kitchen} at once each write a new
 * key (the second replaces the only copy of the first) and each issue and activate a certificate:
 * two active certificates, one of them without its key.
 *
 * <p>The lock files live in {@code certificates/.locks/}, outside the key folder that {@code
 * remove} deletes, and stay: deleting a lock file that another process waits on would let a third
 * one lock a new file of the same name.
 */
final class NameLock implements AutoCloseable {
  static final String FOLDER = ".locks";
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  /** A JVM may hold one lock per file: its own threads queue here first. */
  private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock lock;

  private NameLock(ReentrantLock local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits until no other run works on {@code name} in this home, then holds it. */
  static NameLock acquire(SensorFolders folders, String name) {
    Path certificates = folders.home().resolve(SensorFolders.CERTIFICATES);
    Path file = certificates.resolve(FOLDER).resolve(name + ".lock").toAbsolutePath().normalize();
    folders.requireNoLink(file);
    ReentrantLock local = IN_THIS_JVM.computeIfAbsent(file, k -> new ReentrantLock());
    local.lock();
    FileChannel channel = null;
    try {
      PrivateFiles.createFolder(certificates);
      PrivateFiles.createFolder(file.getParent());
      channel = open(file);
      return new NameLock(local, channel, channel.lock());
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      local.unlock();
      throw new IotsysException(
          ErrorKind.INTERNAL,
          "Cannot lock "
              + folders.show(file)
              + " against another run on sensor "
              + name
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** The lock file, made 0600 whatever the umask. */
  private static FileChannel open(Path file) throws IOException {
    Set<OpenOption> options =
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    if (!POSIX) {
      return FileChannel.open(file, options);
    }
    FileChannel channel =
        FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE));
    if (!Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE)) {
      Files.setPosixFilePermissions(file, FILE);
    }
    return channel;
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // Closing the channel releases it too.
    } finally {
      closeQuietly(channel);
      local.unlock();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing left to release.
      }
    }
  }
}
