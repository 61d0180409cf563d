package dev.iotsys.internal.iot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreatePolicyVersionRequest;
import software.amazon.awssdk.services.iot.model.DeletePolicyVersionRequest;
import software.amazon.awssdk.services.iot.model.GetPolicyResponse;
import software.amazon.awssdk.services.iot.model.ListPolicyVersionsResponse;
import software.amazon.awssdk.services.iot.model.PolicyVersion;

class IotPolicyResourceTest {
  private static final String DOC = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

  private final IotClient iot = mock(IotClient.class);
  private final IotPolicyResource policy = new IotPolicyResource(iot, "p", () -> DOC);

  private static PolicyVersion version(String id, boolean isDefault) {
    return PolicyVersion.builder().versionId(id).isDefaultVersion(isDefault).build();
  }

  @SuppressWarnings("unchecked")
  private void versions(PolicyVersion... versions) {
    when(iot.listPolicyVersions(any(Consumer.class)))
        .thenReturn(ListPolicyVersionsResponse.builder().policyVersions(versions).build());
  }

  @Test
  void differences_ignoreWhitespaceAndKeyOrder() {
    GetPolicyResponse same =
        GetPolicyResponse.builder()
            .defaultVersionId("1")
            .policyDocument("{ \"Statement\" : [], \"Version\" : \"2012-10-17\" }")
            .build();
    assertTrue(policy.differences(same).isEmpty());
    GetPolicyResponse other =
        GetPolicyResponse.builder()
            .defaultVersionId("3")
            .policyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[{}]}")
            .build();
    assertEquals(
        List.of("policy document: default version 3 differs \u2192 a new default version"),
        policy.differences(other));
  }

  @Test
  @SuppressWarnings("unchecked")
  void update_whenFiveVersions_deletesOldestNonDefaultBeforeAddingDefault() {
    versions(
        version("9", false),
        version("10", true),
        version("11", false),
        version("12", false),
        version("13", false));
    policy.update(GetPolicyResponse.builder().build());

    ArgumentCaptor<Consumer<DeletePolicyVersionRequest.Builder>> deleted =
        ArgumentCaptor.forClass(Consumer.class);
    verify(iot).deletePolicyVersion(deleted.capture());
    DeletePolicyVersionRequest.Builder d = DeletePolicyVersionRequest.builder();
    deleted.getValue().accept(d);
    assertEquals("9", d.build().policyVersionId());

    ArgumentCaptor<Consumer<CreatePolicyVersionRequest.Builder>> created =
        ArgumentCaptor.forClass(Consumer.class);
    verify(iot).createPolicyVersion(created.capture());
    CreatePolicyVersionRequest.Builder c = CreatePolicyVersionRequest.builder();
    created.getValue().accept(c);
    assertEquals(true, c.build().setAsDefault());
    assertEquals(DOC, c.build().policyDocument());
  }

  @Test
  @SuppressWarnings("unchecked")
  void update_whenRoomLeft_deletesNothing() {
    versions(version("1", false), version("2", true));
    policy.update(GetPolicyResponse.builder().build());
    verify(iot, never()).deletePolicyVersion(any(Consumer.class));
    verify(iot).createPolicyVersion(any(Consumer.class));
  }

  @Test
  @SuppressWarnings("unchecked")
  void update_comparesVersionIdsAsNumbers() {
    versions(
        version("10", false),
        version("9", false),
        version("11", true),
        version("12", false),
        version("13", false));
    policy.update(GetPolicyResponse.builder().build());
    ArgumentCaptor<Consumer<DeletePolicyVersionRequest.Builder>> deleted =
        ArgumentCaptor.forClass(Consumer.class);
    verify(iot).deletePolicyVersion(deleted.capture());
    DeletePolicyVersionRequest.Builder d = DeletePolicyVersionRequest.builder();
    deleted.getValue().accept(d);
    assertEquals("9", d.build().policyVersionId());
  }
}
