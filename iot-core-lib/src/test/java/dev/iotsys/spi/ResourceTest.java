package dev.iotsys.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceTest {
  /** A resource that answers nothing but the default "already exists" rule. */
  private final Resource<String> resource =
      new Resource<>() {
        @Override
        public String kind() {
          return "test-thing";
        }

        @Override
        public String name() {
          return "t";
        }

        @Override
        public Optional<String> read() {
          return Optional.empty();
        }

        @Override
        public List<String> differences(String actual) {
          return List.of();
        }

        @Override
        public void create() {}

        @Override
        public void update(String actual) {}
      };

  /** The codes the services' API references give for a create of something that exists. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "ResourceAlreadyExistsException", // IoT CreateThingType, CreatePolicy, CreateTopicRule
        "EntityAlreadyExists", // IAM CreateRole
        "ConflictException" // Timestream CreateDatabase, CreateTable
      })
  void isAlreadyExists_forTheServicesConflictCodes_isTrue(String code) {
    assertThat(resource.isAlreadyExists(code)).isTrue();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {"ThrottlingException", "AccessDeniedException", "ValidationException", ""})
  void isAlreadyExists_forAnyOtherAnswer_isFalse(String code) {
    assertThat(resource.isAlreadyExists(code)).isFalse();
  }
}
