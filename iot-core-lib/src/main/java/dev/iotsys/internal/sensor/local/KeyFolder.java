package dev.iotsys.internal.sensor.local;

import dev.iotsys.api.KeyState;
import dev.iotsys.internal.crypto.DeviceKey;
import dev.iotsys.internal.iot.DeviceCertificate;
import dev.iotsys.spi.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code certificates/NAME/}: the device's private key (DER and PEM: two copies of one key, in the
 * traditional form of its algorithm: PKCS#1 for RSA, SEC1 for EC; see {@link DeviceKey}), its
 * certificate (PEM), the certificate's id and ARN, and the small records that prove which
 * certificates this home made. Folder 0700, files 0600, each file replaced atomically.
 *
 * <p>Reading never writes. A key is generated only where no key file exists at all; a key file that
 * exists but cannot be read or parsed is reported with its name, never replaced. During a {@code
 * --new-certificate} rotation the new key waits in {@link #NEXT_KEY} until its certificate is
 * active and the old one retired; only then does it replace the old key.
 *
 * <p>The records: {@link #REQUEST} is written (and synced) before a certificate is requested and
 * names the request's time, then the certificate's id once AWS answered, so a run killed in between
 * leaves the next run a reason and a time to look for the certificate, and no record means no
 * search; {@link #RETIRING} names certificates being retired that nothing else here would name once
 * they are detached from their thing.
 */
public final class KeyFolder {
  public static final String KEY_DER = "private-key.der";
  public static final String KEY_PEM = "private-key.pem";
  public static final String NEXT_KEY = "private-key.next.der";
  public static final String CERTIFICATE_PEM = "certificate.pem";
  public static final String CERTIFICATE_ID = "certificate-id";
  public static final String CERTIFICATE_ARN = "certificate-arn";
  public static final String REQUEST = "certificate-request";
  public static final String RETIRING = "certificates-retiring";

  private static final String REQUESTED = "requested ";
  private static final String ISSUED = "issued ";

  private final Path folder;

  public KeyFolder(Path folder) {
    this.folder = folder;
  }

  public Path path() {
    return folder;
  }

  /** Whether anything (a folder, a link, a file) is at the folder's path. */
  public boolean exists() {
    return Files.exists(folder, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * A certificate request this home made: when, and the certificate's id once AWS answered.
   *
   * @param requestedAt when the request was about to be sent (this machine's clock)
   * @param issuedId the certificate's id, when the answer arrived
   */
  public record Request(Optional<Instant> requestedAt, Optional<String> issuedId) {}

  /**
   * What the folder holds, read without changing anything.
   *
   * @param state the key's state; {@link KeyState#MISMATCHED} is for callers that know the
   *     certificates to decide
   * @param key the current key, when one is usable
   * @param problem for an unreadable or corrupt folder, one sentence naming the file
   * @param next the key of a rotation in progress
   * @param repairs the files to rewrite from {@code key} (a missing or damaged copy, an interrupted
   *     replacement by the next key), and {@link #NEXT_KEY} when it is to go
   * @param recordedId the id in {@code certificate-id}
   * @param request a certificate request this home made and has not finished
   * @param retiring ids of certificates being retired
   */
  public record Contents(
      KeyState state,
      Optional<DeviceKey> key,
      Optional<String> problem,
      Optional<DeviceKey> next,
      List<String> repairs,
      Optional<String> recordedId,
      Optional<Request> request,
      List<String> retiring) {

    public static Contents absent() {
      return new Contents(
          KeyState.ABSENT,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          List.of());
    }

    public static Contents broken(KeyState state, String problem) {
      return new Contents(
          state,
          Optional.empty(),
          Optional.of(problem),
          Optional.empty(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          List.of());
    }

    public boolean broken() {
      return problem.isPresent();
    }

    /** Every id this home has recorded: current certificate, request, retirements. */
    public List<String> recordedIds() {
      List<String> ids = new ArrayList<>();
      recordedId.ifPresent(ids::add);
      request.flatMap(Request::issuedId).filter(id -> !ids.contains(id)).ifPresent(ids::add);
      retiring.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
      return ids;
    }

    /** Whether a local key (current or next) certifies the certificate. */
    public boolean certifies(DeviceCertificate c) {
      return key.filter(k -> k.matches(c.x509())).isPresent()
          || next.filter(k -> k.matches(c.x509())).isPresent();
    }
  }

  /** A file of this folder could not be read; the message names it. */
  private static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads the folder. Never writes, never throws for what it finds: that is in the result. */
  public Contents read(SensorFolders folders) {
    String shown = folders.show(folder);
    BasicFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(folder, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Contents.absent();
    } catch (IOException e) {
      return Contents.broken(
          KeyState.UNREADABLE,
          "Cannot read the key folder "
              + shown
              + " ("
              + reason(e)
              + "); nothing was changed: give it back its owner's rwx (chmod 700)");
    }
    if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
      return Contents.broken(
          KeyState.UNREADABLE,
          "The key folder "
              + shown
              + " is "
              + (attributes.isSymbolicLink() ? "a symbolic link" : "not a folder")
              + "; iotsys keeps keys only in a real folder: put the folder itself there");
    }
    try {
      Optional<byte[]> der = bytes(KEY_DER, shown);
      Optional<byte[]> pem = bytes(KEY_PEM, shown);
      Optional<byte[]> nextBytes = bytes(NEXT_KEY, shown);
      Optional<String> recordedId =
          text(CERTIFICATE_ID, shown).map(String::trim).filter(s -> !s.isEmpty());
      Optional<Request> request = text(REQUEST, shown).map(s -> request(s, shown));
      List<String> retiring =
          text(RETIRING, shown)
              .map(s -> s.lines().map(String::trim).filter(l -> !l.isEmpty()).toList())
              .orElse(List.of());

      Optional<DeviceKey> derKey = der.flatMap(KeyFolder::parse);
      Optional<DeviceKey> pemKey = pem.flatMap(KeyFolder::parse);
      Optional<DeviceKey> next = nextBytes.flatMap(KeyFolder::parse);
      if (nextBytes.isPresent() && next.isEmpty()) {
        return Contents.broken(
            KeyState.CORRUPT,
            "The new key "
                + shown
                + "/"
                + NEXT_KEY
                + " of an unfinished --new-certificate holds no private key iotsys can read; nothing was"
                + " changed: move it away and run again");
      }
      List<String> repairs = new ArrayList<>();
      Optional<DeviceKey> key;
      KeyState state;
      if (der.isEmpty() && pem.isEmpty()) {
        if (next.isEmpty()) {
          return new Contents(
              KeyState.ABSENT,
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              List.of(),
              recordedId,
              request,
              retiring);
        }
        // Not a state iotsys leaves; the new key is the only key there is.
        key = next;
        next = Optional.empty();
        repairs.addAll(List.of(KEY_DER, KEY_PEM, NEXT_KEY));
        state = KeyState.INCOMPLETE;
      } else if (derKey.isPresent() && pemKey.isPresent()) {
        if (same(derKey.get(), pemKey.get())) {
          key = derKey;
          state = KeyState.PRESENT;
        } else if (next.isPresent()
            && (same(next.get(), derKey.get()) || same(next.get(), pemKey.get()))) {
          // A replacement by the new key was interrupted between its two files: finish it.
          key = next;
          next = Optional.empty();
          repairs.add(same(key.get(), derKey.get()) ? KEY_PEM : KEY_DER);
          repairs.add(NEXT_KEY);
          state = KeyState.INCOMPLETE;
        } else {
          return Contents.broken(
              KeyState.CORRUPT,
              "The key files "
                  + shown
                  + "/"
                  + KEY_DER
                  + " and "
                  + KEY_PEM
                  + " hold two different keys; nothing was changed: keep the"
                  + " one that belongs to the sensor's certificate and move the other away");
        }
      } else if (derKey.isPresent() || pemKey.isPresent()) {
        key = derKey.isPresent() ? derKey : pemKey;
        repairs.add(derKey.isPresent() ? KEY_PEM : KEY_DER);
        state = KeyState.INCOMPLETE;
      } else {
        String file = der.isPresent() ? KEY_DER : KEY_PEM;
        return Contents.broken(
            KeyState.CORRUPT,
            "The key file "
                + shown
                + "/"
                + file
                + " holds no private key iotsys can read"
                + (der.isPresent() && pem.isPresent() ? " (nor does " + KEY_PEM + ")" : "")
                + "; nothing was changed: restore it from"
                + " a backup, or move the folder away and run 'sensor add' with --new-certificate");
      }
      if (next.isPresent() && same(next.get(), key.get())) {
        next = Optional.empty();
        repairs.add(NEXT_KEY);
      }
      return new Contents(
          state, key, Optional.empty(), next, List.copyOf(repairs), recordedId, request, retiring);
    } catch (Unreadable e) {
      return Contents.broken(KeyState.UNREADABLE, e.getMessage());
    }
  }

  /** A file's bytes; empty when there is no such file. */
  private Optional<byte[]> bytes(String name, String shown) throws Unreadable {
    Path file = folder.resolve(name);
    try {
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) {
        throw new Unreadable(
            "The key folder's "
                + shown
                + "/"
                + name
                + " is "
                + (a.isSymbolicLink() ? "a symbolic link" : "not a regular file")
                + "; nothing was changed: put the file itself there");
      }
      return Optional.of(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new Unreadable(
          "Cannot read "
              + shown
              + "/"
              + name
              + " ("
              + reason(e)
              + "); nothing was changed: make it and its folder readable by this user");
    }
  }

  private Optional<String> text(String name, String shown) throws Unreadable {
    return bytes(name, shown).map(b -> new String(b, StandardCharsets.US_ASCII));
  }

  private static Request request(String text, String shown) {
    String line = text.strip();
    if (line.startsWith(ISSUED)) {
      return new Request(Optional.empty(), Optional.of(line.substring(ISSUED.length()).trim()));
    }
    try {
      return new Request(
          Optional.of(
              Instant.parse(
                  line.substring(line.startsWith(REQUESTED) ? REQUESTED.length() : 0).trim())),
          Optional.empty());
    } catch (DateTimeParseException e) {
      // Not written by iotsys: no time to search from, so no search.
      return new Request(Optional.empty(), Optional.empty());
    }
  }

  private static Optional<DeviceKey> parse(byte[] bytes) {
    try {
      return Optional.of(DeviceKey.read(bytes));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static boolean same(DeviceKey a, DeviceKey b) {
    return a.sameAs(b);
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /**
   * Writes a first key, DER then PEM. Only where no key file exists: a key file in the way is an
   * error, never replaced.
   */
  public void writeKey(DeviceKey key) throws IOException {
    for (String name : List.of(KEY_DER, KEY_PEM, NEXT_KEY)) {
      if (Files.exists(folder.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(name + " appeared meanwhile; it is left as it is");
      }
    }
    // certificates/ itself lists the sensors: private too.
    PrivateFiles.createFolder(folder.getParent());
    PrivateFiles.createFolder(folder);
    PrivateFiles.write(folder.resolve(KEY_DER), key.der());
    PrivateFiles.write(folder.resolve(KEY_PEM), key.pem());
  }

  /** Writes the key of a rotation beside the current one, which stays until it is retired. */
  public void writeNextKey(DeviceKey key) throws IOException {
    if (Files.exists(folder.resolve(NEXT_KEY), LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(NEXT_KEY + " appeared meanwhile; it is left as it is");
    }
    PrivateFiles.createFolder(folder);
    PrivateFiles.write(folder.resolve(NEXT_KEY), key.der());
  }

  /** Rewrites the files {@link Contents#repairs()} names from the intact key; removes the next. */
  public List<String> repair(Contents contents) throws IOException {
    List<String> done = new ArrayList<>();
    if (contents.repairs().isEmpty()) {
      return done;
    }
    DeviceKey key = contents.key().orElseThrow();
    for (String name : contents.repairs()) {
      if (name.equals(KEY_DER) && PrivateFiles.write(folder.resolve(KEY_DER), key.der())) {
        done.add(KEY_DER);
      } else if (name.equals(KEY_PEM) && PrivateFiles.write(folder.resolve(KEY_PEM), key.pem())) {
        done.add(KEY_PEM);
      }
    }
    if (contents.repairs().contains(NEXT_KEY)) {
      Files.deleteIfExists(folder.resolve(NEXT_KEY));
    }
    return done;
  }

  /**
   * Makes the rotation's key the key: DER, then PEM, then the new key's own file goes. A run killed
   * in between leaves two copies that differ, one of them the new key's, which {@link #read}
   * recognises and the next run finishes.
   */
  public void promote(DeviceKey next) throws IOException {
    PrivateFiles.write(folder.resolve(KEY_DER), next.der());
    PrivateFiles.write(folder.resolve(KEY_PEM), next.pem());
    Files.deleteIfExists(folder.resolve(NEXT_KEY));
  }

  /** Records, synced, that a certificate is about to be requested now. */
  public void recordRequest(Instant now) throws IOException {
    PrivateFiles.createFolder(folder);
    PrivateFiles.write(
        folder.resolve(REQUEST), (REQUESTED + now + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** Records the id AWS gave the requested certificate. */
  public void recordIssued(String id) throws IOException {
    PrivateFiles.write(
        folder.resolve(REQUEST), (ISSUED + id + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** Records certificates about to be retired, before they lose their thing. */
  public void recordRetiring(List<String> ids) throws IOException {
    PrivateFiles.createFolder(folder);
    PrivateFiles.write(
        folder.resolve(RETIRING),
        (String.join("\n", ids) + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  /** Removes the request and retirement records once what they name is settled. */
  public void clearRecords() throws IOException {
    Files.deleteIfExists(folder.resolve(REQUEST));
    Files.deleteIfExists(folder.resolve(RETIRING));
  }

  /**
   * Takes back a key this run wrote for a certificate that was then withdrawn (another home won the
   * sensor): the files go, and the folder when it holds nothing else.
   */
  public void discard(boolean keyFiles) throws IOException {
    List<String> names = new ArrayList<>(List.of(NEXT_KEY, REQUEST));
    if (keyFiles) {
      names.addAll(List.of(KEY_DER, KEY_PEM));
    }
    for (String name : names) {
      Files.deleteIfExists(folder.resolve(name));
      PrivateFiles.deleteStaleTemporaries(folder.resolve(name));
    }
    try (DirectoryStream<Path> left = Files.newDirectoryStream(folder)) {
      if (!left.iterator().hasNext()) {
        Files.delete(folder);
      }
    }
  }

  /** Whether the folder's certificate files are the certificate's, byte for byte. */
  public boolean holds(DeviceCertificate certificate) {
    return same(CERTIFICATE_PEM, certificate.pem())
        && same(CERTIFICATE_ID, certificate.id() + "\n")
        && same(CERTIFICATE_ARN, certificate.arn() + "\n");
  }

  private boolean same(String name, String text) {
    try {
      return Arrays.equals(
          Files.readAllBytes(folder.resolve(name)), text.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether a request or retirement record is there. */
  public boolean hasRecords() {
    return Files.exists(folder.resolve(REQUEST), LinkOption.NOFOLLOW_LINKS)
        || Files.exists(folder.resolve(RETIRING), LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * The certificate the folder's files name ({@link #CERTIFICATE_ID}, {@link #CERTIFICATE_PEM},
   * {@link #CERTIFICATE_ARN}), as the last {@code add} wrote them: lets a listing tell whether the
   * key here certifies a sensor's certificate without asking AWS for the certificate.
   */
  public Optional<DeviceCertificate> certificate() {
    try {
      String id =
          Files.readString(folder.resolve(CERTIFICATE_ID), StandardCharsets.US_ASCII).trim();
      String arn =
          Files.readString(folder.resolve(CERTIFICATE_ARN), StandardCharsets.US_ASCII).trim();
      String pem = Files.readString(folder.resolve(CERTIFICATE_PEM), StandardCharsets.US_ASCII);
      DeviceCertificate c = new DeviceCertificate(id, arn, DeviceCertificate.INACTIVE, pem);
      c.x509();
      return id.isEmpty() ? Optional.empty() : Optional.of(c);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Writes the certificate's PEM, id and ARN; returns whether any file changed. */
  public boolean writeCertificate(DeviceCertificate certificate) throws IOException {
    boolean changed =
        PrivateFiles.write(
            folder.resolve(CERTIFICATE_PEM), certificate.pem().getBytes(StandardCharsets.US_ASCII));
    changed |=
        PrivateFiles.write(
            folder.resolve(CERTIFICATE_ID),
            (certificate.id() + "\n").getBytes(StandardCharsets.US_ASCII));
    changed |=
        PrivateFiles.write(
            folder.resolve(CERTIFICATE_ARN),
            (certificate.arn() + "\n").getBytes(StandardCharsets.US_ASCII));
    return changed;
  }

  /**
   * What a folder holds, to tell whether another run changed it meanwhile: each file's name, size,
   * modification time and identity (a file replaced atomically is a new one).
   */
  public static List<String> snapshot(Path root) {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      List<String> lines = new ArrayList<>();
      for (Path p : files.sorted().toList()) {
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        lines.add(
            root.relativize(p)
                + " "
                + a.size()
                + " "
                + a.lastModifiedTime().toInstant()
                + " "
                + a.fileKey());
      }
      return lines;
    } catch (IOException | RuntimeException e) {
      // Unreadable now: a run that finds it so later will say why.
      return List.of("unreadable " + e);
    }
  }

  /** Deletes a folder and everything in it, never following a link; a missing folder is fine. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
