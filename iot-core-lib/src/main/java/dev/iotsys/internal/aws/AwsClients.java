package dev.iotsys.internal.aws;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import dev.iotsys.spi.AwsAccount;
import dev.iotsys.spi.AwsServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * The SDK clients a command needs, each built on first use (a command that only reads IoT never
 * pays for an IAM client), or taken from the caller. Closes only what it built. Plugins (stores)
 * get their clients here too, through {@link AwsServices#client}, configured like every other.
 */
public final class AwsClients implements AwsServices, AutoCloseable {
  /**
   * The longest one API call may take, retries included, unless the caller sets another: short
   * enough that a command on an endpoint that never answers fails within seconds, long enough for
   * the SDK's three attempts with their back-off on throttling (about 3 s at most) and for the
   * retries of a server's 5xx ({@link CallRetries}: half of it).
   */
  public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(10);

  /** The longest a TCP connection may take to open: a few seconds, then the SDK retries. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  private final String regionName;
  private final String profile;
  private final URI endpoint;
  private final AwsCredentialsProvider credentialsOverride;
  private final List<ExecutionInterceptor> interceptors;
  private final ApiCallCounter counter = new ApiCallCounter();
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final Duration callTimeout;
  private final CallRetries retries;

  private Region region;
  private AwsCredentialsProvider credentials;
  private SdkHttpClient http;
  private SdkHttpClient patchHttp;

  /** Caller-supplied clients by interface, then the ones built here, by interface. */
  private final Map<Class<?>, Object> clients = new HashMap<>();

  private IotClient iotWithPatch;
  private AwsAccount account;

  /**
   * The settings and caller-supplied clients; any client not given is built when first needed.
   *
   * @param clients caller-supplied SDK clients, keyed by their interface (e.g. IotClient.class)
   */
  public record Settings(
      String region,
      String profile,
      URI endpoint,
      AwsCredentialsProvider credentials,
      List<ExecutionInterceptor> interceptors,
      Map<Class<?>, Object> clients,
      Duration callTimeout) {

    /** Settings with the default call timeout. */
    public Settings(
        String region,
        String profile,
        URI endpoint,
        AwsCredentialsProvider credentials,
        List<ExecutionInterceptor> interceptors,
        Map<Class<?>, Object> clients) {
      this(region, profile, endpoint, credentials, interceptors, clients, null);
    }
  }

  public AwsClients(Settings s) {
    this.regionName = s.region();
    this.profile = s.profile();
    this.endpoint = s.endpoint();
    this.credentialsOverride = s.credentials();
    this.interceptors = List.copyOf(s.interceptors());
    this.clients.putAll(s.clients());
    this.iotWithPatch = (IotClient) s.clients().get(IotClient.class);
    this.callTimeout = s.callTimeout() == null ? DEFAULT_CALL_TIMEOUT : s.callTimeout();
    this.retries = new CallRetries(callTimeout);
  }

  /** The longest one API call may take, retries included. */
  public Duration callTimeout() {
    return callTimeout;
  }

  /** How every client built here retries a call; for a caller that retries one call itself. */
  public CallRetries retries() {
    return retries;
  }

  private Duration connectTimeout() {
    return callTimeout.compareTo(CONNECT_TIMEOUT) < 0 ? callTimeout : CONNECT_TIMEOUT;
  }

  /**
   * A read that waits longer than a whole call may take: the call's own timeout ends it first, so
   * its failure says how long the endpoint was given.
   */
  private Duration socketTimeout() {
    return callTimeout.plusSeconds(1);
  }

  /** Counts the calls of every client this object built. */
  public ApiCallCounter counter() {
    return counter;
  }

  /** The region, from the settings or the SDK's default chain (AWS_REGION, the profile). */
  public synchronized Region region() {
    if (region == null) {
      requireProfile();
      if (regionName != null && !regionName.isBlank()) {
        region = Region.of(regionName);
      } else {
        try {
          DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
          if (profile != null) {
            chain.profileName(profile);
          }
          region = chain.build().getRegion();
        } catch (SdkClientException e) {
          throw new IotsysException(
              ErrorKind.CONFIGURATION, "No AWS region: pass --region or set AWS_REGION", e);
        }
      }
    }
    return region;
  }

  /** AWS IoT on the light HTTP client: every IoT operation but the few sent as PATCH. */
  public IotClient iot() {
    return client(IotClient.class);
  }

  /**
   * AWS IoT on an HTTP client that can send PATCH, for install, which may replace a topic rule or
   * set a policy's default version. The caller's IoT client, when one was given.
   */
  public synchronized IotClient iotWithPatch() {
    if (iotWithPatch == null) {
      iotWithPatch = own(configure(IotClient.builder(), region(), patchHttp()).build());
    }
    return iotWithPatch;
  }

  public IamClient iam() {
    return client(IamClient.class);
  }

  public CloudWatchLogsClient logs() {
    return client(CloudWatchLogsClient.class);
  }

  public StsClient sts() {
    return client(StsClient.class);
  }

  /**
   * Any SDK v2 client by its interface: the caller's, else one built through the interface's static
   * {@code builder()} with the settings every client here gets.
   */
  @Override
  public synchronized <T> T client(Class<T> clientType) {
    Object existing = clients.get(clientType);
    if (existing == null) {
      existing = own(build(clientType));
      clients.put(clientType, existing);
    }
    return clientType.cast(existing);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object build(Class<?> clientType) {
    Object builder;
    try {
      builder = clientType.getMethod("builder").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException(clientType.getName() + " is not an AWS SDK v2 client", e);
    }
    if (!(builder instanceof AwsClientBuilder<?, ?> b)) {
      throw new IllegalArgumentException(clientType.getName() + " is not an AWS SDK v2 client");
    }
    Region clientRegion = clientType == IamClient.class ? globalRegion() : region();
    configure((AwsClientBuilder) b, clientRegion, http());
    return ((SdkBuilder<?, ?>) b).build();
  }

  /**
   * The caller's account, found once (STS GetCallerIdentity), which also proves the credentials.
   */
  @Override
  public synchronized AwsAccount account() {
    if (account == null) {
      GetCallerIdentityResponse id;
      try {
        id = sts().getCallerIdentity();
      } catch (software.amazon.awssdk.core.exception.SdkException e) {
        throw AwsErrors.translate(e, "identifying the AWS account");
      }
      String partition = id.arn() == null ? "aws" : id.arn().split(":")[1];
      account = new AwsAccount(partition, region().id(), id.account());
    }
    return account;
  }

  /** IAM is global: its endpoint lives in the partition's global pseudo-region. */
  private Region globalRegion() {
    String r = region().id();
    if (r.startsWith("cn-")) {
      return Region.AWS_CN_GLOBAL;
    }
    if (r.startsWith("us-gov-")) {
      return Region.AWS_US_GOV_GLOBAL;
    }
    return Region.AWS_GLOBAL;
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, Region clientRegion, SdkHttpClient httpClient) {
    builder.region(clientRegion).credentialsProvider(credentials());
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    ClientOverrideConfiguration.Builder o =
        ClientOverrideConfiguration.builder()
            .retryStrategy(retries)
            .apiCallTimeout(callTimeout)
            .addExecutionInterceptor(counter);
    interceptors.forEach(o::addExecutionInterceptor);
    o.addExecutionInterceptor(new ResponseWitness());
    builder.overrideConfiguration(o.build());
    if (builder
        instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClient(httpClient);
    }
    return builder;
  }

  /**
   * A profile that is named must exist: the SDK's own answer ("no credentials for profile") does
   * not say that the name is wrong, nor which names there are.
   */
  private void requireProfile() {
    if (profile == null || profileChecked) {
      return;
    }
    software.amazon.awssdk.profiles.ProfileFile file;
    try {
      file = software.amazon.awssdk.profiles.ProfileFile.defaultProfileFile();
    } catch (RuntimeException e) {
      throw new IotsysException(
          ErrorKind.CONFIGURATION,
          "Cannot read the AWS config files ("
              + e.getClass().getSimpleName()
              + "): "
              + dev.iotsys.internal.Names.printable(String.valueOf(e.getMessage())),
          e);
    }
    if (file.profile(profile).isEmpty()) {
      java.util.Set<String> known = new java.util.TreeSet<>(file.profiles().keySet());
      throw new IotsysException(
          ErrorKind.CONFIGURATION,
          "AWS profile '"
              + dev.iotsys.internal.Names.printable(profile)
              + "' does not exist in ~/.aws/config or"
              + " ~/.aws/credentials"
              + (known.isEmpty()
                  ? " (there are no profiles)"
                  : "; profiles there: "
                      + String.join(", ", known)
                      + dev.iotsys.api.Suggestion.closest(profile, known)
                          .map(c -> " (did you mean '" + c + "'?)")
                          .orElse("")));
    }
    profileChecked = true;
  }

  private boolean profileChecked;

  private synchronized AwsCredentialsProvider credentials() {
    if (credentials == null) {
      if (credentialsOverride != null) {
        credentials = credentialsOverride;
      } else if (profile != null) {
        requireProfile();
        credentials = own(ProfileCredentialsProvider.builder().profileName(profile).build());
      } else {
        credentials = own(DefaultCredentialsProvider.builder().build());
      }
    }
    return credentials;
  }

  private synchronized SdkHttpClient http() {
    if (http == null) {
      closeRatherThanDrain();
      http =
          own(
              endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme())
                  ? UrlConnectionHttpClient.create(this::connection)
                  : UrlConnectionHttpClient.builder()
                      .connectionTimeout(connectTimeout())
                      .socketTimeout(socketTimeout())
                      .build());
    }
    return http;
  }

  /** The JDK's setting that decides how much of an unread answer it drains to keep a connection. */
  static final String DRAINED_AT_MOST = "http.KeepAlive.remainingData";

  /**
   * Makes HttpURLConnection close the connection of an answer left unread instead of draining it.
   * When the call's time is up, the SDK aborts the call, which closes the answer's stream; the JDK
   * then hands up to 512 KB of unread body to a background thread that reads it to keep the
   * connection, holding the stream's lock while it reads. An endpoint that sends {@code 200} with
   * {@code Content-Length: 100000} and then a byte a second keeps that thread reading for a day,
   * and the SDK's timeout, and with it the command, waits for the lock (seen: more than 9.5 minutes
   * in {@code KeepAliveStream.close}). With 0 nothing is drained, only closed: what is left of the
   * call's time bounds it. The JDK reads the setting once, when it first keeps a connection, so it
   * is set before the first client is built, unless the JVM set it already.
   */
  static void closeRatherThanDrain() {
    if (System.getProperty(DRAINED_AT_MOST) == null) {
      System.setProperty(DRAINED_AT_MOST, "0");
    }
  }

  /**
   * A connection as the JDK opens it, for an {@code http://} endpoint (a local emulator). The SDK's
   * own connection factory builds a TLS context and loads the trust store up front, about 0.2 s of
   * a short command, even when every request is plain HTTP; an {@code https} URL opened here sets
   * up TLS on first use instead. Proxies come from the JDK's {@code http.proxyHost} settings, not
   * from HTTP_PROXY.
   */
  private HttpURLConnection connection(URI uri) {
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout((int) connectTimeout().toMillis());
      connection.setReadTimeout((int) socketTimeout().toMillis());
      return connection;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * IoT's ReplaceTopicRule and SetDefaultPolicyVersion are HTTP PATCH, which HttpURLConnection
   * cannot send; the Apache client can. Only install pays for it: building it costs more than a
   * sensor command's whole IoT work (its TLS set-up and public-suffix list load at once).
   */
  private synchronized SdkHttpClient patchHttp() {
    if (patchHttp == null) {
      patchHttp =
          own(
              Apache5HttpClient.builder()
                  .connectionTimeout(connectTimeout())
                  .socketTimeout(socketTimeout())
                  .build());
    }
    return patchHttp;
  }

  private <T> T own(T resource) {
    if (resource instanceof AutoCloseable c) {
      owned.add(c);
    }
    return resource;
  }

  @Override
  public synchronized void close() {
    for (int i = owned.size() - 1; i >= 0; i--) {
      try {
        owned.get(i).close();
      } catch (Exception ignored) {
        // Closing is best effort: nothing the caller could do about it.
      }
    }
    owned.clear();
  }
}
