package dev.iotsys.internal.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;

class RuleRoleResourceTest {
  private static final String TRUST =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
          + "\"Allow\",\"Principal\":{\"Service\":\"iot.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static final String POLICY =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":"
          + "\"Allow\",\"Action\":\"timestream:WriteRecords\",\"Resource\":\"arn:x\"}]}";

  private final IamClient iam = mock(IamClient.class);
  private final RuleRoleResource role =
      new RuleRoleResource(iam, "r", () -> TRUST, "p", () -> POLICY);

  private static Role roleWithTrust(String trust) {
    return Role.builder().roleName("r").assumeRolePolicyDocument(trust).build();
  }

  @Test
  void differences_acceptUrlEncodedDocumentsAsIamReturnsThem() {
    String encoded = URLEncoder.encode(TRUST, StandardCharsets.UTF_8);
    RuleRoleResource.State state =
        new RuleRoleResource.State(
            roleWithTrust(encoded), URLEncoder.encode(POLICY, StandardCharsets.UTF_8));
    assertTrue(role.differences(state).isEmpty());
  }

  @Test
  void differences_whenInlinePolicyMissing_sayso() {
    assertEquals(
        List.of("inline policy p missing \u2192 put back"),
        role.differences(new RuleRoleResource.State(roleWithTrust(TRUST), null)));
  }

  @Test
  void differences_whenDrifted_sayWhereAsCurrentToWanted() {
    String trust = TRUST.replace("iot.amazonaws.com", "lambda.amazonaws.com");
    String policy = POLICY.replace("arn:x", "*").replace("WriteRecords", "*");
    String encoded = URLEncoder.encode(trust, StandardCharsets.UTF_8);
    assertEquals(
        List.of(
            "trust policy Statement[0].Principal.Service: \"lambda.amazonaws.com\" \u2192"
                + " \"iot.amazonaws.com\"",
            "inline policy p Statement[0].Action: \"timestream:*\" \u2192"
                + " \"timestream:WriteRecords\"",
            "inline policy p Statement[0].Resource: \"*\" \u2192 \"arn:x\""),
        role.differences(new RuleRoleResource.State(roleWithTrust(encoded), policy)));
  }

  @Test
  @SuppressWarnings("unchecked")
  void update_whenOnlyInlinePolicyChanged_putsItBackAndLeavesTrustAlone() {
    role.update(new RuleRoleResource.State(roleWithTrust(TRUST), "{\"Statement\":[]}"));
    verify(iam).putRolePolicy(any(Consumer.class));
    verify(iam, never()).updateAssumeRolePolicy(any(Consumer.class));
  }

  @Test
  @SuppressWarnings("unchecked")
  void update_whenTrustChanged_replacesTrustOnly() {
    role.update(new RuleRoleResource.State(roleWithTrust("{\"Statement\":[]}"), POLICY));
    verify(iam).updateAssumeRolePolicy(any(Consumer.class));
    verify(iam, never()).putRolePolicy(any(Consumer.class));
  }
}
