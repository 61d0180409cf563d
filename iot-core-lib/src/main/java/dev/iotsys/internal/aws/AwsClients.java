package dev.iotsys.internal.aws;

import dev.iotsys.api.ErrorKind;
import dev.iotsys.api.IotsysException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.timestreamquery.TimestreamQueryClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/**
 * The SDK clients a command needs, each built on first use (a command that only reads IoT never
 * pays for an IAM client), or taken from the caller. Closes only what it built.
 */
public final class AwsClients implements AutoCloseable {
  /**
   * The longest one API call may take, retries included, unless the caller sets another: short
   * enough that a command on an endpoint that never answers fails within seconds, long enough
   * for the SDK's three attempts with their back-off on throttling (about 3 s at most).
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

  private Region region;
  private AwsCredentialsProvider credentials;
  private SdkHttpClient http;
  private SdkHttpClient patchHttp;
  private IotClient iot;
  private IotClient iotWithPatch;
  private IamClient iam;
  private TimestreamWriteClient timestreamWrite;
  private TimestreamQueryClient timestreamQuery;
  private CloudWatchLogsClient logs;
  private StsClient sts;

  /** The settings and caller-supplied clients; any client left null is built when first needed. */
  public record Settings(
      String region,
      String profile,
      URI endpoint,
      AwsCredentialsProvider credentials,
      List<ExecutionInterceptor> interceptors,
      IotClient iot,
      IamClient iam,
      TimestreamWriteClient timestreamWrite,
      TimestreamQueryClient timestreamQuery,
      CloudWatchLogsClient logs,
      StsClient sts,
      Duration callTimeout) {

    /** Settings with the default call timeout. */
    public Settings(String region, String profile, URI endpoint, AwsCredentialsProvider credentials,
        List<ExecutionInterceptor> interceptors, IotClient iot, IamClient iam,
        TimestreamWriteClient timestreamWrite, TimestreamQueryClient timestreamQuery,
        CloudWatchLogsClient logs, StsClient sts) {
      this(region, profile, endpoint, credentials, interceptors, iot, iam, timestreamWrite,
          timestreamQuery, logs, sts, null);
    }
  }

  public AwsClients(Settings s) {
    this.regionName = s.region();
    this.profile = s.profile();
    this.endpoint = s.endpoint();
    this.credentialsOverride = s.credentials();
    this.interceptors = List.copyOf(s.interceptors());
    this.iot = s.iot();
    this.iotWithPatch = s.iot();
    this.iam = s.iam();
    this.timestreamWrite = s.timestreamWrite();
    this.timestreamQuery = s.timestreamQuery();
    this.logs = s.logs();
    this.sts = s.sts();
    this.callTimeout = s.callTimeout() == null ? DEFAULT_CALL_TIMEOUT : s.callTimeout();
  }

  /** The longest one API call may take, retries included. */
  public Duration callTimeout() {
    return callTimeout;
  }

  private Duration connectTimeout() {
    return callTimeout.compareTo(CONNECT_TIMEOUT) < 0 ? callTimeout : CONNECT_TIMEOUT;
  }

  /**
   * A read that waits longer than a whole call may take: the call's own timeout ends it first,
   * so its failure says how long the endpoint was given.
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
  public synchronized IotClient iot() {
    if (iot == null) {
      iot = own(configure(IotClient.builder(), region(), http()).build());
    }
    return iot;
  }

  /**
   * AWS IoT on an HTTP client that can send PATCH, for install, which may replace a topic rule
   * or set a policy's default version. The caller's IoT client, when one was given.
   */
  public synchronized IotClient iotWithPatch() {
    if (iotWithPatch == null) {
      iotWithPatch = own(configure(IotClient.builder(), region(), patchHttp()).build());
    }
    return iotWithPatch;
  }

  public synchronized IamClient iam() {
    if (iam == null) {
      iam = own(configure(IamClient.builder(), globalRegion(), http()).build());
    }
    return iam;
  }

  public synchronized TimestreamWriteClient timestreamWrite() {
    if (timestreamWrite == null) {
      timestreamWrite = own(configure(TimestreamWriteClient.builder(), region(), http()).build());
    }
    return timestreamWrite;
  }

  public synchronized TimestreamQueryClient timestreamQuery() {
    if (timestreamQuery == null) {
      timestreamQuery = own(configure(TimestreamQueryClient.builder(), region(), http()).build());
    }
    return timestreamQuery;
  }

  public synchronized CloudWatchLogsClient logs() {
    if (logs == null) {
      logs = own(configure(CloudWatchLogsClient.builder(), region(), http()).build());
    }
    return logs;
  }

  public synchronized StsClient sts() {
    if (sts == null) {
      sts = own(configure(StsClient.builder(), region(), http()).build());
    }
    return sts;
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
    ClientOverrideConfiguration.Builder o = ClientOverrideConfiguration.builder()
        .retryStrategy(RetryMode.STANDARD)
        .apiCallTimeout(callTimeout)
        .addExecutionInterceptor(counter);
    interceptors.forEach(o::addExecutionInterceptor);
    o.addExecutionInterceptor(new ResponseWitness());
    builder.overrideConfiguration(o.build());
    if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClient(httpClient);
    }
    return builder;
  }

  private synchronized AwsCredentialsProvider credentials() {
    if (credentials == null) {
      if (credentialsOverride != null) {
        credentials = credentialsOverride;
      } else if (profile != null) {
        credentials = own(ProfileCredentialsProvider.builder().profileName(profile).build());
      } else {
        credentials = own(DefaultCredentialsProvider.builder().build());
      }
    }
    return credentials;
  }

  private synchronized SdkHttpClient http() {
    if (http == null) {
      http = own(endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme())
          ? UrlConnectionHttpClient.create(this::connection)
          : UrlConnectionHttpClient.builder()
              .connectionTimeout(connectTimeout())
              .socketTimeout(socketTimeout())
              .build());
    }
    return http;
  }

  /**
   * A connection as the JDK opens it, for an {@code http://} endpoint (a local emulator). The
   * SDK's own connection factory builds a TLS context and loads the trust store up front, about
   * 0.2 s of a short command, even when every request is plain HTTP; an {@code https} URL opened
   * here sets up TLS on first use instead. Proxies come from the JDK's {@code http.proxyHost}
   * settings, not from HTTP_PROXY.
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
      patchHttp = own(Apache5HttpClient.builder()
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
