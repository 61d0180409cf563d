package dev.iotsys.stress;

import static org.assertj.core.api.Assertions.assertThat;

import dev.iotsys.testing.MotoAws;
import dev.iotsys.testing.MotoServer;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Certificate;
import software.amazon.awssdk.services.iot.model.Policy;
import software.amazon.awssdk.services.iot.model.ThingAttribute;
import software.amazon.awssdk.services.iot.model.TopicRule;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Topic;
import software.amazon.awssdk.services.timestreamwrite.TimestreamWriteClient;
import software.amazon.awssdk.services.timestreamwrite.model.Table;

/**
 * Everything iotsys manages in a moto account and under a home folder, as sorted lines without the
 * random parts (certificate ids), so that two runs that should end alike compare equal; plus the
 * invariants that must hold after any run, interrupted or not.
 */
public final class AccountState implements AutoCloseable {
  private final IotClient iot;
  private final IamClient iam;
  private final TimestreamWriteClient timestream;
  private final CloudWatchLogsClient logs;
  private final DynamoDbClient dynamo;
  private final CloudWatchClient cloudWatch;
  private final SnsClient sns;

  /** Opens clients on moto (as the test's own, independent of the code under test). */
  public AccountState(MotoServer.Instance moto) {
    this.iot = MotoAws.iot(moto);
    this.iam = MotoAws.iam(moto);
    this.timestream = MotoAws.timestream(moto);
    this.logs = MotoAws.logs(moto);
    this.dynamo = MotoAws.dynamo(moto);
    this.cloudWatch = MotoAws.cloudWatch(moto);
    this.sns = MotoAws.sns(moto);
  }

  IotClient iot() {
    return iot;
  }

  IamClient iam() {
    return iam;
  }

  TimestreamWriteClient timestream() {
    return timestream;
  }

  /** The account and the files under {@code home}, one sorted line per fact. */
  public List<String> snapshot(Path home) throws Exception {
    TreeSet<String> lines = new TreeSet<>();
    timestream
        .listDatabases(r -> {})
        .databases()
        .forEach(
            d -> {
              lines.add("database " + d.databaseName());
              for (Table t :
                  timestream.listTables(r -> r.databaseName(d.databaseName())).tables()) {
                lines.add(
                    "table "
                        + d.databaseName()
                        + "."
                        + t.tableName()
                        + " memory "
                        + t.retentionProperties().memoryStoreRetentionPeriodInHours()
                        + " h, magnetic "
                        + t.retentionProperties().magneticStoreRetentionPeriodInDays()
                        + " d, magnetic writes "
                        + (t.magneticStoreWriteProperties() == null
                            ? null
                            : t.magneticStoreWriteProperties().enableMagneticStoreWrites()));
              }
            });
    for (String name : dynamo.listTablesPaginator(r -> {}).tableNames()) {
      TableDescription t = dynamo.describeTable(r -> r.tableName(name)).table();
      var ttl = dynamo.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
      lines.add(
          "dynamodb table "
              + name
              + " keys "
              + t.keySchema().stream()
                  .map(k -> k.attributeName() + " " + k.keyTypeAsString())
                  .toList()
              + " billing "
              + (t.billingModeSummary() == null
                  ? null
                  : t.billingModeSummary().billingModeAsString())
              + " protected "
              + t.deletionProtectionEnabled()
              + " ttl "
              + ttl.timeToLiveStatusAsString()
              + " "
              + ttl.attributeName());
    }
    iot.listThingTypesPaginator(r -> {})
        .thingTypes()
        .forEach(
            t ->
                lines.add(
                    "thing type "
                        + t.thingTypeName()
                        + " deprecated "
                        + t.thingTypeMetadata().deprecated()));
    for (Policy p : iot.listPoliciesPaginator(r -> {}).policies()) {
      lines.add(
          "policy "
              + p.policyName()
              + " versions "
              + policyVersions(p.policyName())
              + " document "
              + squash(iot.getPolicy(r -> r.policyName(p.policyName())).policyDocument()));
    }
    iot.listTopicRulesPaginator(r -> {})
        .rules()
        .forEach(
            listed -> {
              TopicRule rule = iot.getTopicRule(r -> r.ruleName(listed.ruleName())).rule();
              lines.add(
                  "rule "
                      + rule.ruleName()
                      + " "
                      + rule.sql()
                      + " "
                      + rule.awsIotSqlVersion()
                      + " disabled "
                      + rule.ruleDisabled()
                      + " "
                      + rule.actions()
                      + " error "
                      + rule.errorAction());
            });
    logs.describeLogGroupsPaginator(r -> {})
        .logGroups()
        .forEach(
            g -> lines.add("log group " + g.logGroupName() + " retention " + g.retentionInDays()));
    for (Role role : iam.listRolesPaginator(r -> {}).roles()) {
      lines.add("role " + role.roleName() + " trust " + squash(role.assumeRolePolicyDocument()));
      for (String name :
          iam.listRolePoliciesPaginator(r -> r.roleName(role.roleName())).policyNames()) {
        lines.add(
            "role "
                + role.roleName()
                + " policy "
                + name
                + " "
                + squash(
                    iam.getRolePolicy(r -> r.roleName(role.roleName()).policyName(name))
                        .policyDocument()));
      }
    }
    for (ThingAttribute t : iot.listThingsPaginator(r -> {}).things()) {
      // The certificate a thing records, by its subject as everywhere here, not its random id.
      Map<String, String> attributes = new TreeMap<>(t.attributes());
      attributes.computeIfPresent("certificateId", (k, id) -> certificateLabel("cert/" + id));
      lines.add("thing " + t.thingName() + " type " + t.thingTypeName() + " " + attributes);
      for (String principal :
          iot.listThingPrincipalsPaginator(r -> r.thingName(t.thingName())).principals()) {
        lines.add("thing " + t.thingName() + " principal " + certificateLabel(principal));
      }
    }
    for (Certificate c : certificates()) {
      String label = certificateLabel(c.certificateArn());
      lines.add("certificate " + label + " " + c.statusAsString());
      iot.listAttachedPoliciesPaginator(r -> r.target(c.certificateArn()))
          .policies()
          .forEach(p -> lines.add("certificate " + label + " policy " + p.policyName()));
    }
    for (Topic topic : sns.listTopicsPaginator().topics()) {
      String name = topic.topicArn().substring(topic.topicArn().lastIndexOf(':') + 1);
      lines.add(
          "topic "
              + name
              + " display "
              + sns.getTopicAttributes(r -> r.topicArn(topic.topicArn()))
                  .attributes()
                  .get("DisplayName"));
      sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topic.topicArn()))
          .subscriptions()
          .forEach(
              sub ->
                  lines.add("subscription " + name + " " + sub.protocol() + " " + sub.endpoint()));
    }
    for (MetricAlarm a : alarms()) {
      lines.add(
          "alarm "
              + a.alarmName()
              + " "
              + a.namespace()
              + " "
              + a.metricName()
              + " "
              + a.statisticAsString()
              + " "
              + a.comparisonOperatorAsString()
              + " "
              + a.threshold()
              + " period "
              + a.period()
              + " x "
              + a.evaluationPeriods()
              + " ("
              + a.datapointsToAlarm()
              + ") missing "
              + a.treatMissingData()
              + " actions "
              + a.actionsEnabled()
              + " "
              + a.alarmActions()
              + " ok "
              + a.okActions()
              + " state "
              + a.stateValueAsString()
              + " description "
              + a.alarmDescription());
    }
    if (Files.isDirectory(home)) {
      try (var files = Files.walk(home)) {
        files
            .filter(Files::isRegularFile)
            .forEach(f -> lines.add("file " + home.relativize(f).toString().replace('\\', '/')));
      }
    }
    return new ArrayList<>(lines);
  }

  List<MetricAlarm> alarms() {
    return cloudWatch.describeAlarmsPaginator(r -> {}).metricAlarms().stream().toList();
  }

  List<Certificate> certificates() {
    return iot.listCertificatesPaginator(r -> {}).certificates().stream().toList();
  }

  /**
   * What no run may leave, finished or interrupted: a policy with more than five versions, a rule
   * role without its rule or a rule without its role, and an ACTIVE certificate whose private key
   * is not on disk. When {@code converged}, also: a certificate attached to no thing (an orphan)
   * and a thing without exactly one active certificate.
   */
  void assertInvariants(Path home, boolean converged) throws Exception {
    for (Policy p : iot.listPoliciesPaginator(r -> {}).policies()) {
      assertThat(policyVersions(p.policyName()))
          .as("versions of policy " + p.policyName())
          .isLessThanOrEqualTo(5);
    }
    if (converged) {
      // A readings rule iotsys_T has the role iotsys-T-rule, a metrics rule iotsysmetrics_T the
      // role iotsys-T-metrics.
      List<String> roles =
          iam.listRolesPaginator(r -> {}).roles().stream()
              .map(Role::roleName)
              .filter(n -> n.startsWith("iotsys-"))
              .sorted()
              .toList();
      List<String> rules =
          iot.listTopicRulesPaginator(r -> {}).rules().stream()
              .map(
                  r ->
                      r.ruleName().startsWith("iotsysmetrics_")
                          ? "iotsys-"
                              + r.ruleName().substring("iotsysmetrics_".length())
                              + "-metrics"
                          : "iotsys-" + r.ruleName().substring("iotsys_".length()) + "-rule")
              .sorted()
              .toList();
      assertThat(roles).as("rule roles against their rules").isEqualTo(rules);
      // Every alarm belongs to a sensor that exists and notifies a topic that exists.
      List<String> things =
          iot.listThingsPaginator(r -> {}).things().stream()
              .map(ThingAttribute::thingName)
              .toList();
      List<String> topics =
          sns.listTopicsPaginator().topics().stream().map(Topic::topicArn).toList();
      for (MetricAlarm a : alarms()) {
        String sensor = a.alarmName().split("/")[1];
        assertThat(things).as("the sensor of alarm " + a.alarmName()).contains(sensor);
        assertThat(topics).as("the topic of alarm " + a.alarmName()).containsAll(a.alarmActions());
      }
    }
    for (Certificate c : certificates()) {
      List<String> things =
          iot.listPrincipalThingsPaginator(r -> r.principal(c.certificateArn())).things().stream()
              .toList();
      if (converged) {
        assertThat(things).as("things of certificate " + c.certificateId()).hasSize(1);
      }
      if ("ACTIVE".equals(c.statusAsString())) {
        X509Certificate x509 = x509(c.certificateId());
        String name = x509.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        Path key = home.resolve("certificates").resolve(name).resolve("private-key.der");
        assertThat(key)
            .as("the private key of active certificate " + c.certificateId())
            .isRegularFile();
        assertThat(RSAPrivateKey.getInstance(Files.readAllBytes(key)).getModulus())
            .as("the key on disk certifies active certificate " + c.certificateId())
            .isEqualTo(((RSAPublicKey) x509.getPublicKey()).getModulus());
      }
    }
    if (converged) {
      for (ThingAttribute t : iot.listThingsPaginator(r -> {}).things()) {
        long active =
            iot.listThingPrincipalsPaginator(r -> r.thingName(t.thingName())).principals().stream()
                .filter(
                    p ->
                        "ACTIVE"
                            .equals(
                                iot.describeCertificate(
                                        r -> r.certificateId(p.substring(p.lastIndexOf('/') + 1)))
                                    .certificateDescription()
                                    .statusAsString()))
                .count();
        assertThat(active).as("active certificates of thing " + t.thingName()).isEqualTo(1);
      }
    }
  }

  int policyVersions(String policy) {
    return iot.listPolicyVersions(r -> r.policyName(policy)).policyVersions().size();
  }

  X509Certificate x509(String certificateId) throws Exception {
    String pem =
        iot.describeCertificate(r -> r.certificateId(certificateId))
            .certificateDescription()
            .certificatePem();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  /** A certificate by its subject, not its random id. */
  private String certificateLabel(String arn) {
    try {
      return "cert("
          + x509(arn.substring(arn.lastIndexOf('/') + 1)).getSubjectX500Principal().getName()
          + ")";
    } catch (Exception e) {
      return "cert(unreadable: " + e.getMessage() + ")";
    }
  }

  private static String squash(String document) {
    return document == null ? "null" : document.replaceAll("\\s", "");
  }

  @Override
  public void close() {
    iot.close();
    iam.close();
    timestream.close();
    logs.close();
    dynamo.close();
    cloudWatch.close();
    sns.close();
  }
}
