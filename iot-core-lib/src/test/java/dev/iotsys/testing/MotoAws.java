package dev.iotsys.testing;

import dev.iotsys.api.Iotsys;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;

/** SDK clients on a moto server, for tests to look at or change what iotsys made. */
public final class MotoAws {
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private MotoAws() {}

  /** An iotsys builder aimed at the moto server. */
  public static Iotsys.Builder iotsys(MotoServer.Instance moto) {
    return Iotsys.builder()
        .region(MotoServer.REGION)
        .endpoint(moto.endpoint())
        .credentials("testing", "testing");
  }

  /** What a process's environment needs to reach the moto server as a user's shell would. */
  public static java.util.Map<String, String> environment(MotoServer.Instance moto) {
    return java.util.Map.of(
        "AWS_ACCESS_KEY_ID",
        "testing",
        "AWS_SECRET_ACCESS_KEY",
        "testing",
        "AWS_REGION",
        MotoServer.REGION,
        "AWS_ENDPOINT_URL",
        moto.endpoint().toString());
  }

  public static IotClient iot(MotoServer.Instance moto) {
    return on(IotClient.builder(), moto.endpoint(), Region.of(MotoServer.REGION))
        .httpClient(Apache5HttpClient.create())
        .build();
  }

  public static IamClient iam(MotoServer.Instance moto) {
    return on(IamClient.builder(), moto.endpoint(), Region.AWS_GLOBAL).build();
  }

  public static TimestreamWriteClient timestream(MotoServer.Instance moto) {
    return on(TimestreamWriteClient.builder(), moto.endpoint(), Region.of(MotoServer.REGION))
        .build();
  }

  public static DynamoDbClient dynamo(MotoServer.Instance moto) {
    return on(DynamoDbClient.builder(), moto.endpoint(), Region.of(MotoServer.REGION)).build();
  }

  public static CloudWatchLogsClient logs(MotoServer.Instance moto) {
    return on(CloudWatchLogsClient.builder(), moto.endpoint(), Region.of(MotoServer.REGION))
        .build();
  }

  public static CloudWatchClient cloudWatch(MotoServer.Instance moto) {
    return on(CloudWatchClient.builder(), moto.endpoint(), Region.of(MotoServer.REGION)).build();
  }

  public static SnsClient sns(MotoServer.Instance moto) {
    return on(SnsClient.builder(), moto.endpoint(), Region.of(MotoServer.REGION)).build();
  }

  private static <B extends AwsClientBuilder<B, ?>> B on(B builder, URI endpoint, Region region) {
    builder.region(region).endpointOverride(endpoint).credentialsProvider(CREDENTIALS);
    if (builder
        instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> s) {
      s.httpClient(UrlConnectionHttpClient.create());
    }
    return builder;
  }
}
