package dev.iotsys.internal.devicetest;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.SensorTestResult.Link;
import dev.iotsys.api.SensorTestResult.LinkCheck;
import dev.iotsys.spi.DeviceConnection;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The device's TLS link, opened by iotsys itself rather than by the MQTT client, so that each step
 * gets its own verdict: TCP connect, the server's certificate (checked by a trust manager that
 * records its outcome) and the device's certificate (decided inside the handshake: a handshake that
 * completes means the server accepted it). It speaks as the board does, with what the package's
 * reader returns: the board's TLS versions, its key (RSA or EC) and its trust. A board with trust
 * anchors checks the server's certificate against them and its name against the endpoint, and so
 * does this; a board without (one whose TLS stack is axTLS) checks nothing, and this then reports
 * the server as not checked. {@code --ca-file} replaces the board's trust, for a local broker. Port
 * 443 offers the ALPN protocol AWS IoT needs there for MQTT.
 */
final class DeviceTls {
  /** AWS IoT's ALPN protocol for MQTT with a client certificate on port 443. */
  static final String AWS_ALPN = "x-amzn-mqtt-ca";

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** The whole handshake, however slowly the server sends: see {@link Deadline}. */
  static final Duration HANDSHAKE_DEADLINE = Duration.ofSeconds(20);

  private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

  private final Optional<List<X509Certificate>> caFile;
  private final String caFileName;
  private final Duration handshakeDeadline;

  private DeviceTls(
      Optional<List<X509Certificate>> caFile, String caFileName, Duration handshakeDeadline) {
    this.caFile = caFile;
    this.caFileName = caFileName;
    this.handshakeDeadline = handshakeDeadline;
  }

  /**
   * Trusting what the board trusts, or only the CA certificates of a file.
   *
   * @throws IotsysException of kind {@link ErrorKind#INVALID_INPUT} when the file cannot be read or
   *     holds no certificate
   */
  static DeviceTls trusting(Optional<Path> caFile) {
    return trusting(caFile, HANDSHAKE_DEADLINE);
  }

  /** {@link #trusting(Optional)} with another limit on the handshake, for tests. */
  static DeviceTls trusting(Optional<Path> caFile, Duration handshakeDeadline) {
    return new DeviceTls(
        caFile.map(DeviceTls::caCertificates),
        caFile.map(f -> "--ca-file " + f).orElse(""),
        handshakeDeadline);
  }

  /** Which ALPN protocol to offer: AWS IoT serves MQTT with client certificates on 443 only so. */
  static Optional<String> alpnFor(int port) {
    return port == 443 ? Optional.of(AWS_ALPN) : Optional.empty();
  }

  /**
   * The trust this connection checks the server with (none for a board that checks nothing), and
   * how messages name it.
   */
  private record Trust(Optional<X509ExtendedTrustManager> manager, String name) {
    boolean checked() {
      return manager.isPresent();
    }
  }

  private Trust trust(DeviceConnection device) {
    if (caFile.isPresent()) {
      return new Trust(Optional.of(trustManager(caFile.get())), caFileName);
    }
    if (device.checksServer()) {
      return new Trust(
          Optional.of(trustManager(device.trustAnchors())),
          "the package's "
              + device.trustAnchors().size()
              + (device.trustAnchors().size() == 1 ? " CA certificate" : " CA certificates")
              + ", as the board");
    }
    return new Trust(Optional.empty(), "");
  }

  private static X509ExtendedTrustManager trustManager(List<X509Certificate> anchors) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate c : anchors) {
        store.setCertificateEntry("ca-" + n++, c);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return extended(factory);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot set up TLS trust: " + e, e);
    }
  }

  private static List<X509Certificate> caCertificates(Path file) {
    List<X509Certificate> certificates = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) c);
      }
    } catch (IOException e) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "Cannot read --ca-file " + file + " (" + e.getClass().getSimpleName() + ")",
          e);
    } catch (CertificateException e) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "--ca-file " + file + " holds no X.509 certificate in PEM or DER form",
          e);
    }
    if (certificates.isEmpty()) {
      throw new IotsysException(
          ErrorKind.INVALID_INPUT,
          "--ca-file " + file + " holds no X.509 certificate in PEM or DER form");
    }
    return List.copyOf(certificates);
  }

  private static X509ExtendedTrustManager extended(TrustManagerFactory factory) {
    for (TrustManager m : factory.getTrustManagers()) {
      if (m instanceof X509ExtendedTrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("The JDK offers no X.509 trust manager");
  }

  /**
   * The TLS link's checks, in order, and the socket when all three passed.
   *
   * @param checks TCP, TLS_SERVER and CLIENT_CERTIFICATE, up to the first failure
   * @param socket the connected socket, after a completed handshake
   */
  record Opened(List<LinkCheck> checks, Optional<SSLSocket> socket) {}

  Opened open(String host, int port, Optional<String> alpn, DeviceConnection device) {
    List<LinkCheck> checks = new ArrayList<>();
    String target = host + ":" + port;
    InetSocketAddress address = new InetSocketAddress(host, port);
    if (address.isUnresolved()) {
      checks.add(
          LinkCheck.failed(
              Link.TCP,
              "the name "
                  + host
                  + " does not resolve (DNS): check"
                  + " the endpoint ('iotsys sensor add' writes the account's iot:Data-ATS endpoint into"
                  + " the package; --endpoint replaces it)"));
      return new Opened(checks, Optional.empty());
    }
    Socket tcp = new Socket();
    try {
      tcp.setTcpNoDelay(true);
      tcp.connect(address, (int) CONNECT_TIMEOUT.toMillis());
    } catch (IOException e) {
      close(tcp);
      checks.add(LinkCheck.failed(Link.TCP, tcpFailure(target, address, e)));
      return new Opened(checks, Optional.empty());
    }
    checks.add(
        LinkCheck.passed(
            Link.TCP,
            "connected to " + target + " (" + address.getAddress().getHostAddress() + ")"));

    Trust trust = trust(device);
    RecordingTrust recording = new RecordingTrust(trust.manager());
    DeviceKeyManager key = new DeviceKeyManager(device.certificateChain(), device.privateKey());
    SSLSocket tls;
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(new javax.net.ssl.KeyManager[] {key}, new TrustManager[] {recording}, null);
      tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
      SSLParameters parameters = tls.getSSLParameters();
      // The board's own TLS versions (axTLS, for one, speaks TLS 1.2 only).
      parameters.setProtocols(device.tlsVersions().toArray(String[]::new));
      if (trust.checked()) {
        // As mbedTLS with server_hostname: the certificate must name the host connected to.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
      }
      alpn.ifPresent(p -> parameters.setApplicationProtocols(new String[] {p}));
      tls.setSSLParameters(parameters);
      tls.setSoTimeout((int) handshakeDeadline.toMillis());
    } catch (IOException | GeneralSecurityException e) {
      close(tcp);
      throw new IllegalStateException("The JDK cannot set up a TLS client: " + e, e);
    }
    boolean late;
    try (Deadline deadline = Deadline.arm(tls, handshakeDeadline)) {
      try {
        tls.startHandshake();
      } catch (IOException e) {
        close(tls);
        checks.addAll(
            handshakeFailure(
                host, trust, recording, key, device.tlsVersions(), e, deadline.expired()));
        return new Opened(checks, Optional.empty());
      }
      late = deadline.expired();
    }
    if (late) {
      close(tls);
      checks.addAll(
          handshakeFailure(
              host,
              trust,
              recording,
              key,
              device.tlsVersions(),
              new SocketException("closed"),
              true));
      return new Opened(checks, Optional.empty());
    }
    checks.add(
        serverSeen(host, trust, recording.chain(), tls.getSession().getProtocol(), alpn, tls));
    checks.add(
        LinkCheck.passed(
            Link.CLIENT_CERTIFICATE,
            key.requested()
                ? "the server accepted " + subject(device.certificate())
                : "the server asked for no client certificate (AWS IoT always asks for one)"));
    return new Opened(checks, Optional.of(tls));
  }

  /**
   * The server's certificate once the handshake got past it: trusted as the board would, or, for a
   * board that checks nothing, shown and not checked.
   */
  private LinkCheck serverSeen(
      String host,
      Trust trust,
      X509Certificate[] chain,
      String protocol,
      Optional<String> alpn,
      SSLSocket tls) {
    X509Certificate server = chain[0];
    String seen = subject(server) + ", issued by " + name(server.getIssuerX500Principal());
    String offered = tls == null ? "" : alpnNote(alpn, tls);
    if (!trust.checked()) {
      return LinkCheck.notChecked(
          Link.TLS_SERVER,
          "not checked, as the board does not (its TLS stack checks no server certificate): "
              + version(protocol)
              + " with "
              + host
              + ", which showed "
              + seen
              + "; --ca-file checks it against a CA"
              + offered);
    }
    return LinkCheck.passed(
        Link.TLS_SERVER,
        version(protocol)
            + " with "
            + host
            + ": "
            + seen
            + ", trusted through "
            + trust.name()
            + offered);
  }

  /** {@code TLSv1.2} as people write it: {@code TLS 1.2}. */
  private static String version(String protocol) {
    return protocol == null ? "TLS" : protocol.replace("TLSv", "TLS ");
  }

  private static String alpnNote(Optional<String> offered, SSLSocket tls) {
    if (offered.isEmpty()) {
      return "";
    }
    String chosen = tls.getApplicationProtocol();
    return chosen == null || chosen.isEmpty()
        ? "; ALPN " + offered.get() + " offered, the server chose none"
        : "; ALPN " + chosen;
  }

  private static String tcpFailure(String target, InetSocketAddress address, IOException e) {
    String ip = address.getAddress().getHostAddress();
    if (e instanceof SocketTimeoutException) {
      return "no answer from "
          + target
          + " ("
          + ip
          + ") within "
          + CONNECT_TIMEOUT.toSeconds()
          + " s: a firewall may drop the port (AWS IoT also serves MQTT on 443: --endpoint"
          + " HOST:443)";
    }
    if (e instanceof ConnectException) {
      return "nothing accepts connections on "
          + target
          + " ("
          + ip
          + "; connection refused):"
          + " check the endpoint and port";
    }
    if (e instanceof NoRouteToHostException) {
      return "no route to " + target + " (" + ip + "): check the network";
    }
    return "cannot connect to " + target + " (" + ip + "): " + e;
  }

  private List<LinkCheck> handshakeFailure(
      String host,
      Trust trust,
      RecordingTrust recording,
      DeviceKeyManager key,
      List<String> versions,
      IOException e,
      boolean deadlinePassed) {
    List<LinkCheck> checks = new ArrayList<>();
    Optional<CertificateException> refused = recording.refusal();
    if (refused.isPresent()) {
      checks.add(
          LinkCheck.failed(Link.TLS_SERVER, serverRefused(host, trust, recording, refused.get())));
      return checks;
    }
    String tooSlow =
        "no complete TLS handshake with "
            + host
            + " within "
            + handshakeDeadline.toSeconds()
            + " s, however slowly the server sent";
    if (recording.chain() == null) {
      checks.add(
          LinkCheck.failed(
              Link.TLS_SERVER,
              deadlinePassed || e instanceof SocketTimeoutException
                  ? tooSlow + ": it never showed its certificate"
                  : "the TLS handshake failed before the server showed its certificate ("
                      + cause(e)
                      + "): the server may not speak "
                      + String.join(" or ", versions.stream().map(DeviceTls::version).toList())
                      + ", as the board does, or the port is not a TLS port"));
      return checks;
    }
    checks.add(serverSeen(host, trust, recording.chain(), null, Optional.empty(), null));
    String how =
        deadlinePassed || e instanceof SocketTimeoutException
            ? "no answer within " + handshakeDeadline.toSeconds() + " s"
            : alert(e)
                .map(a -> "TLS alert " + a)
                .orElse(closed(e) ? "it closed the connection on receiving it" : cause(e));
    checks.add(
        LinkCheck.failed(
            Link.CLIENT_CERTIFICATE,
            "the server refused the device"
                + " certificate "
                + subject(key.certificate())
                + " ("
                + how
                + "): AWS IoT does so when the"
                + " certificate is unknown in the account and region, INACTIVE or REVOKED ('iotsys sensor"
                + " list' shows its status; 'iotsys sensor add' activates it again); another broker does"
                + " so when it does not trust the CA that signed it"));
    return checks;
  }

  private static String serverRefused(
      String host, Trust trust, RecordingTrust recording, CertificateException e) {
    X509Certificate server = recording.chain()[0];
    String message = String.valueOf(e.getMessage());
    if (message.contains("No subject alternative") || message.contains("No name matching")) {
      return "the server's certificate "
          + subject(server)
          + " is not issued for "
          + host
          + ": is the endpoint right? (AWS IoT's is the account's iot:Data-ATS endpoint)";
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateExpiredException) {
        return "the server's certificate "
            + subject(server)
            + " expired on "
            + server.getNotAfter().toInstant();
      }
    }
    return "the server's certificate "
        + subject(server)
        + ", issued by "
        + name(server.getIssuerX500Principal())
        + ", is not signed by a CA in "
        + trust.name()
        + ": it is not the server it claims to be, or "
        + (trust.name().startsWith("--ca-file")
            ? "--ca-file names another CA than the one that signed it"
            : "it is not AWS IoT (whose iot:Data-ATS endpoints the package's Amazon root CAs"
                + " sign), so the board would refuse it too; for another broker pass its CA with"
                + " --ca-file");
  }

  private static Optional<String> alert(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = ALERT.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** A reset or end of stream: TLS 1.2 servers often close before their alert can be read. */
  private static boolean closed(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.net.SocketException
          || t instanceof java.io.EOFException
          || String.valueOf(t.getMessage()).contains("Remote host terminated")) {
        return true;
      }
    }
    return false;
  }

  private static String cause(Throwable e) {
    Optional<String> alert = alert(e);
    if (alert.isPresent()) {
      return "TLS alert " + alert.get();
    }
    if (e instanceof SSLException
        && String.valueOf(e.getMessage())
            .contains("Unsupported or" + " unrecognized SSL message")) {
      return "the server does not speak TLS on this port";
    }
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  static String subject(X509Certificate certificate) {
    return name(certificate.getSubjectX500Principal());
  }

  private static String name(Principal principal) {
    return principal.getName();
  }

  private static void close(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Nothing more can go wrong with a socket that is given up.
    }
  }

  /** The JDK's trust manager, recording the server's chain and whether it was trusted. */
  private static final class RecordingTrust extends X509ExtendedTrustManager {
    private final Optional<X509ExtendedTrustManager> delegate;
    private volatile X509Certificate[] chain;
    private volatile CertificateException refusal;

    /**
     * @param delegate the JDK's trust manager for the board's CAs; empty for a board that checks no
     *     server, whose every server is accepted (and recorded)
     */
    RecordingTrust(Optional<X509ExtendedTrustManager> delegate) {
      this.delegate = delegate;
    }

    X509Certificate[] chain() {
      return chain;
    }

    Optional<CertificateException> refusal() {
      return Optional.ofNullable(refusal);
    }

    private interface Check {
      void run() throws CertificateException;
    }

    private void record(X509Certificate[] presented, Check check) throws CertificateException {
      chain = presented;
      if (delegate.isEmpty()) {
        return;
      }
      try {
        check.run();
      } catch (CertificateException e) {
        refusal = e;
        throw e;
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType, Socket socket)
        throws CertificateException {
      record(c, () -> delegate.get().checkServerTrusted(c, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType, SSLEngine engine)
        throws CertificateException {
      record(c, () -> delegate.get().checkServerTrusted(c, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType)
        throws CertificateException {
      record(c, () -> delegate.get().checkServerTrusted(c, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a device trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a device trusts no clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] c, String authType)
        throws CertificateException {
      throw new CertificateException("a device trusts no clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate
          .map(X509ExtendedTrustManager::getAcceptedIssuers)
          .orElse(new X509Certificate[0]);
    }
  }

  /**
   * The device's one certificate (chain) and key, offered whatever issuers the server names, as the
   * board does, for any key type of the key's algorithm; records whether the server asked for a
   * client certificate at all.
   */
  private static final class DeviceKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "device";
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private volatile boolean requested;

    DeviceKeyManager(List<X509Certificate> chain, PrivateKey key) {
      this.chain = List.copyOf(chain);
      this.key = key;
    }

    boolean requested() {
      return requested;
    }

    X509Certificate certificate() {
      return chain.get(0);
    }

    /** RSA keys sign for key types {@code RSA} and {@code RSASSA-PSS}, EC keys for {@code EC}. */
    private String choose(String[] keyTypes) {
      requested = true;
      String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
      for (String type : keyTypes) {
        if (type.toUpperCase(Locale.ROOT).startsWith(algorithm)) {
          return ALIAS;
        }
      }
      return null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return choose(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(
        String[] keyTypes, Principal[] issuers, SSLEngine engine) {
      return choose(keyTypes);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {ALIAS};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.toArray(X509Certificate[]::new) : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }
  }
}
