package dev.iotsys.internal;

import dev.iotsys.internal.aws.AwsClients;
import dev.iotsys.internal.aws.AwsErrors;
import dev.iotsys.spi.AwsAccount;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** Finds the caller's account once (STS GetCallerIdentity), which also proves the credentials. */
public final class AccountResolver {
  private final AwsClients clients;
  private AwsAccount account;

  public AccountResolver(AwsClients clients) {
    this.clients = clients;
  }

  public synchronized AwsAccount account() {
    if (account == null) {
      GetCallerIdentityResponse id;
      try {
        id = clients.sts().getCallerIdentity();
      } catch (SdkException e) {
        throw AwsErrors.translate(e, "identifying the AWS account");
      }
      String partition = id.arn() == null ? "aws" : id.arn().split(":")[1];
      account = new AwsAccount(partition, clients.region().id(), id.account());
    }
    return account;
  }
}
