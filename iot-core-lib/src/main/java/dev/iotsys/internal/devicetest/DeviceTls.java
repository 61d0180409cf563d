package dev.iotsys.internal.devicetest;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.api.SensorTestResult.Link;
import dev.iotsys.api.SensorTestResult.LinkCheck;
import dev.iotsys.internal.sensor.DevicePackageFiles.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
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
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * records its outcome) and the device's certificate (TLS 1.2, as the board speaks it, decides about
 * the client certificate inside the handshake: a handshake that completes means the server accepted
 * it). Port 443 offers the ALPN protocol AWS IoT needs there for MQTT.
 */
final class DeviceTls {
  /** AWS IoT's ALPN protocol for MQTT with a client certificate on port 443. */
  static final String AWS_ALPN = "x-amzn-mqtt-ca";

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(20);

  /**
   * Ends handshakes at their deadline. A socket's read timeout bounds one read only: a server that
   * sends a byte now and then would keep a handshake going for ever.
   */
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "iotsys-tls-deadline");
            t.setDaemon(true);
            return t;
          });

  private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");

  private final X509ExtendedTrustManager trust;
  private final String trustName;

  private DeviceTls(X509ExtendedTrustManager trust, String trustName) {
    this.trust = trust;
    this.trustName = trustName;
  }

  /**
   * Trusting the JDK's trust store (which holds Amazon Root CA 1), or only the CA certificates of a
   * file.
   *
   * @throws IotsysException of kind {@link ErrorKind#INVALID_INPUT} when the file cannot be read or
   *     holds no certificate
   */
  static DeviceTls trusting(Optional<Path> caFile) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (caFile.isEmpty()) {
        factory.init((KeyStore) null);
        return new DeviceTls(extended(factory), "the JDK's trust store");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate c : caCertificates(caFile.get())) {
        store.setCertificateEntry("ca-" + n++, c);
      }
      factory.init(store);
      return new DeviceTls(extended(factory), "--ca-file " + caFile.get());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("The JDK cannot set up TLS trust: " + e, e);
    }
  }

  /** Which ALPN protocol to offer: AWS IoT serves MQTT with client certificates on 443 only so. */
  static Optional<String> alpnFor(int port) {
    return port == 443 ? Optional.of(AWS_ALPN) : Optional.empty();
  }

  private static Collection<? extends Certificate> caCertificates(Path file) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
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
    return certificates;
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

  Opened open(String host, int port, Optional<String> alpn, Credentials device) {
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
                  + " config.json; --endpoint replaces it)"));
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

    RecordingTrust recording = new RecordingTrust(trust);
    DeviceKeyManager key = new DeviceKeyManager(device.certificate(), device.privateKey());
    SSLSocket tls;
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.2");
      context.init(new javax.net.ssl.KeyManager[] {key}, new TrustManager[] {recording}, null);
      tls = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
      SSLParameters parameters = tls.getSSLParameters();
      // The board speaks TLS 1.2 only (axTLS); so does this stand-in.
      parameters.setProtocols(new String[] {"TLSv1.2"});
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      alpn.ifPresent(p -> parameters.setApplicationProtocols(new String[] {p}));
      tls.setSSLParameters(parameters);
      tls.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
    } catch (IOException | GeneralSecurityException e) {
      close(tcp);
      throw new IllegalStateException("The JDK cannot set up a TLS 1.2 client: " + e, e);
    }
    // Closing the TCP socket under the handshake ends its read at once, with an IOException.
    ScheduledFuture<?> deadline =
        DEADLINES.schedule(() -> close(tcp), HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    try {
      tls.startHandshake();
      if (!deadline.cancel(false)) {
        throw new SocketTimeoutException("the handshake's deadline passed as it finished");
      }
    } catch (IOException e) {
      close(tls);
      boolean late = !deadline.cancel(false);
      checks.addAll(
          handshakeFailure(
              host, recording, key, late ? new SocketTimeoutException("handshake deadline") : e));
      return new Opened(checks, Optional.empty());
    }
    X509Certificate server = recording.chain()[0];
    checks.add(
        LinkCheck.passed(
            Link.TLS_SERVER,
            "TLS 1.2 with "
                + host
                + ": "
                + subject(server)
                + ", issued by "
                + name(server.getIssuerX500Principal())
                + ", trusted through "
                + trustName
                + alpnNote(alpn, tls)));
    checks.add(
        LinkCheck.passed(
            Link.CLIENT_CERTIFICATE,
            key.requested()
                ? "the server accepted " + subject(device.certificate())
                : "the server asked for no client certificate (AWS IoT always asks for one)"));
    return new Opened(checks, Optional.of(tls));
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
      String host, RecordingTrust recording, DeviceKeyManager key, IOException e) {
    List<LinkCheck> checks = new ArrayList<>();
    Optional<CertificateException> refused = recording.refusal();
    if (refused.isPresent()) {
      checks.add(LinkCheck.failed(Link.TLS_SERVER, serverRefused(host, recording, refused.get())));
      return checks;
    }
    if (recording.chain() == null) {
      checks.add(
          LinkCheck.failed(
              Link.TLS_SERVER,
              e instanceof SocketTimeoutException
                  ? "the TLS handshake with "
                      + host
                      + " did not finish within "
                      + HANDSHAKE_TIMEOUT.toSeconds()
                      + " s"
                  : "the TLS handshake failed before the server showed its certificate ("
                      + cause(e)
                      + "): the server may not speak TLS 1.2, as the board does, or the port"
                      + " is not a TLS port"));
      return checks;
    }
    X509Certificate server = recording.chain()[0];
    checks.add(
        LinkCheck.passed(
            Link.TLS_SERVER,
            "TLS 1.2 with "
                + host
                + ": "
                + subject(server)
                + ", issued by "
                + name(server.getIssuerX500Principal())
                + ", trusted through "
                + trustName));
    String how =
        alert(e)
            .map(a -> "TLS alert " + a)
            .orElse(
                e instanceof SocketTimeoutException
                    ? "no answer within " + HANDSHAKE_TIMEOUT.toSeconds() + " s"
                    : closed(e) ? "it closed the connection on receiving it" : cause(e));
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

  private String serverRefused(String host, RecordingTrust recording, CertificateException e) {
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
        + trustName
        + ": it is not the server it claims to be, or "
        + (trustName.startsWith("--ca-file")
            ? "--ca-file names another CA than the one that signed it"
            : "it is not AWS IoT (whose iot:Data-ATS endpoints the JDK's trust store trusts);"
                + " for another broker pass its CA with --ca-file");
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
    private final X509ExtendedTrustManager delegate;
    private volatile X509Certificate[] chain;
    private volatile CertificateException refusal;

    RecordingTrust(X509ExtendedTrustManager delegate) {
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
      record(c, () -> delegate.checkServerTrusted(c, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType, SSLEngine engine)
        throws CertificateException {
      record(c, () -> delegate.checkServerTrusted(c, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] c, String authType)
        throws CertificateException {
      record(c, () -> delegate.checkServerTrusted(c, authType));
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
      return delegate.getAcceptedIssuers();
    }
  }

  /**
   * The device's one certificate and key, offered whatever issuers the server names, as the board
   * does; records whether the server asked for a client certificate at all.
   */
  private static final class DeviceKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "device";
    private final X509Certificate certificate;
    private final PrivateKey key;
    private volatile boolean requested;

    DeviceKeyManager(X509Certificate certificate, PrivateKey key) {
      this.certificate = certificate;
      this.key = key;
    }

    boolean requested() {
      return requested;
    }

    X509Certificate certificate() {
      return certificate;
    }

    private String choose(String[] keyTypes) {
      requested = true;
      for (String type : keyTypes) {
        if (type.toUpperCase(Locale.ROOT).startsWith("RSA")) {
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
      return ALIAS.equals(alias) ? new X509Certificate[] {certificate} : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }
  }
}
