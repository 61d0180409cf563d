package dev.iotsys.internal.iam;

import dev.iotsys.internal.engine.JsonDocuments;
import dev.iotsys.spi.Deleter;
import dev.iotsys.spi.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;

/** The IAM role a topic rule assumes: its trust policy and its one inline policy. */
public final class RuleRoleResource
    implements Resource<RuleRoleResource.State>, Deleter<RuleRoleResource.State> {

  /**
   * What exists of the role.
   *
   * @param role the role, with its trust policy
   * @param inlinePolicy the inline policy document, or null when it is missing
   */
  public record State(Role role, String inlinePolicy) {}

  private final IamClient iam;
  private final String name;
  private final Supplier<String> trustPolicy;
  private final String policyName;
  private final Supplier<String> policy;
  private final String description;

  /** A role resource; the documents are asked for only when compared or written. */
  public RuleRoleResource(
      IamClient iam,
      String name,
      Supplier<String> trustPolicy,
      String policyName,
      Supplier<String> policy) {
    this(
        iam,
        name,
        trustPolicy,
        policyName,
        policy,
        "Lets the iotsys topic rule write readings and report its errors");
  }

  /** A role resource with its own description (shown in the IAM console). */
  public RuleRoleResource(
      IamClient iam,
      String name,
      Supplier<String> trustPolicy,
      String policyName,
      Supplier<String> policy,
      String description) {
    this.iam = iam;
    this.name = name;
    this.trustPolicy = trustPolicy;
    this.policyName = policyName;
    this.policy = policy;
    this.description = description;
  }

  @Override
  public String kind() {
    return "iam-role";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<State> read() {
    Role role;
    try {
      role = iam.getRole(r -> r.roleName(name)).role();
    } catch (NoSuchEntityException e) {
      return Optional.empty();
    }
    String inline;
    try {
      inline = iam.getRolePolicy(r -> r.roleName(name).policyName(policyName)).policyDocument();
    } catch (NoSuchEntityException e) {
      inline = null;
    }
    return Optional.of(new State(role, inline));
  }

  @Override
  public List<String> differences(State actual) {
    List<String> diffs = new ArrayList<>();
    // Each as current -> wanted, where the documents differ, not the whole wanted document.
    JsonDocuments.differences(actual.role().assumeRolePolicyDocument(), trustPolicy.get())
        .forEach(d -> diffs.add("trust policy " + d));
    if (actual.inlinePolicy() == null) {
      diffs.add("inline policy " + policyName + " missing \u2192 put back");
    } else {
      JsonDocuments.differences(actual.inlinePolicy(), policy.get())
          .forEach(d -> diffs.add("inline policy " + policyName + " " + d));
    }
    return diffs;
  }

  @Override
  public void create() {
    iam.createRole(
        r -> r.roleName(name).assumeRolePolicyDocument(trustPolicy.get()).description(description));
    putPolicy();
  }

  @Override
  public void update(State actual) {
    if (!JsonDocuments.same(trustPolicy.get(), actual.role().assumeRolePolicyDocument())) {
      iam.updateAssumeRolePolicy(r -> r.roleName(name).policyDocument(trustPolicy.get()));
    }
    if (actual.inlinePolicy() == null || !JsonDocuments.same(policy.get(), actual.inlinePolicy())) {
      putPolicy();
    }
  }

  /** AWS deletes a role only without inline policies: every one goes first, not only ours. */
  @Override
  public Optional<String> delete(State actual) {
    for (String inline : iam.listRolePoliciesPaginator(r -> r.roleName(name)).policyNames()) {
      iam.deleteRolePolicy(r -> r.roleName(name).policyName(inline));
    }
    iam.deleteRole(r -> r.roleName(name));
    return Optional.empty();
  }

  private void putPolicy() {
    iam.putRolePolicy(r -> r.roleName(name).policyName(policyName).policyDocument(policy.get()));
  }
}
