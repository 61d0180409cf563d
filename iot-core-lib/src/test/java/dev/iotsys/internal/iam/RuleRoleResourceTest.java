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
        List.of("inline policy p missing \u2192 " + POLICY),
        role.differences(new RuleRoleResource.State(roleWithTrust(TRUST), null)));
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
