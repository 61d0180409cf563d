package dev.iotsys.internal.iot;

import dev.iotsys.internal.engine.JsonDocuments;
import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.Resource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.GetPolicyResponse;
import software.amazon.awssdk.services.iot.model.PolicyVersion;
import software.amazon.awssdk.services.iot.model.ResourceNotFoundException;

/**
 * An IoT policy. A changed document becomes a new default version; AWS keeps at most five, so the
 * oldest non-default versions are deleted first.
 */
public final class IotPolicyResource
    implements Resource<GetPolicyResponse>, Deleter<GetPolicyResponse> {
  /** AWS's limit on versions per policy. */
  static final int MAX_VERSIONS = 5;

  private final IotClient iot;
  private final String name;
  private final Supplier<String> document;

  /**
   * A policy resource.
   *
   * @param document the desired document, asked for only when it is compared or written (it needs
   *     the account, which a presence check does without)
   */
  public IotPolicyResource(IotClient iot, String name, Supplier<String> document) {
    this.iot = iot;
    this.name = name;
    this.document = document;
  }

  @Override
  public String kind() {
    return "iot-policy";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<GetPolicyResponse> read() {
    try {
      return Optional.of(iot.getPolicy(r -> r.policyName(name)));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<String> differences(GetPolicyResponse actual) {
    return JsonDocuments.same(document.get(), actual.policyDocument())
        ? List.of()
        : List.of(
            "policy document: default version "
                + actual.defaultVersionId()
                + " differs \u2192 a new default version");
  }

  @Override
  public void create() {
    iot.createPolicy(r -> r.policyName(name).policyDocument(document.get()));
  }

  @Override
  public void update(GetPolicyResponse actual) {
    List<PolicyVersion> versions = iot.listPolicyVersions(r -> r.policyName(name)).policyVersions();
    List<PolicyVersion> deletable =
        versions.stream()
            .filter(v -> !Boolean.TRUE.equals(v.isDefaultVersion()))
            .sorted(Comparator.comparing(IotPolicyResource::versionNumber))
            .toList();
    int excess = versions.size() - (MAX_VERSIONS - 1);
    for (int i = 0; i < excess && i < deletable.size(); i++) {
      String versionId = deletable.get(i).versionId();
      iot.deletePolicyVersion(r -> r.policyName(name).policyVersionId(versionId));
    }
    iot.createPolicyVersion(
        r -> r.policyName(name).policyDocument(document.get()).setAsDefault(true));
  }

  /** AWS deletes a policy only without its non-default versions (and without targets). */
  @Override
  public Optional<String> delete(GetPolicyResponse actual) {
    for (PolicyVersion v : iot.listPolicyVersions(r -> r.policyName(name)).policyVersions()) {
      if (!Boolean.TRUE.equals(v.isDefaultVersion())) {
        iot.deletePolicyVersion(r -> r.policyName(name).policyVersionId(v.versionId()));
      }
    }
    iot.deletePolicy(r -> r.policyName(name));
    return Optional.empty();
  }

  /** Version ids are increasing integers; compare them as numbers so "10" comes after "9". */
  private static long versionNumber(PolicyVersion v) {
    try {
      return Long.parseLong(v.versionId());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
