package dev.iotsys.internal.logs;

import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.Resource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** The CloudWatch Logs group a topic rule's error action writes to, with a retention. */
public final class LogGroupResource implements Resource<LogGroup>, Deleter<LogGroup> {
  private final CloudWatchLogsClient logs;
  private final String name;
  private final int retentionDays;

  public LogGroupResource(CloudWatchLogsClient logs, String name, int retentionDays) {
    this.logs = logs;
    this.name = name;
    this.retentionDays = retentionDays;
  }

  @Override
  public String kind() {
    return "logs-log-group";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<LogGroup> read() {
    return logs.describeLogGroups(r -> r.logGroupNamePrefix(name)).logGroups().stream()
        .filter(g -> name.equals(g.logGroupName()))
        .findFirst();
  }

  @Override
  public List<String> differences(LogGroup actual) {
    return Objects.equals(actual.retentionInDays(), retentionDays)
        ? List.of()
        : List.of("retention " + actual.retentionInDays() + " days");
  }

  @Override
  public void create() {
    logs.createLogGroup(r -> r.logGroupName(name));
    putRetention();
  }

  @Override
  public void update(LogGroup actual) {
    putRetention();
  }

  @Override
  public Optional<String> delete(LogGroup actual) {
    logs.deleteLogGroup(r -> r.logGroupName(name));
    return Optional.empty();
  }

  private void putRetention() {
    logs.putRetentionPolicy(r -> r.logGroupName(name).retentionInDays(retentionDays));
  }
}
