package dev.iotsys.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering, read from the compiled classes of every module (this module's test class path holds
 * them all): plugins (sensor types and stores) reach the core through {@code spi} and {@code api}
 * only, the command line through {@code api} only, and nothing public in {@code api} or {@code spi}
 * hands out an {@code internal} type. A rule that matched no class fails too (ArchUnit's default),
 * so a renamed package cannot make a rule pass by emptiness.
 */
class ArchitectureTest {
  private static final String CORE_API = "dev.iotsys.api..";
  private static final String CORE_SPI = "dev.iotsys.spi..";
  private static final String INTERNAL = "dev.iotsys.internal..";

  private static final java.util.regex.Pattern TEST_JAR =
      java.util.regex.Pattern.compile(".*-tests\\.jar.*");

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // In a reactor build the core's test classes come as its test jar, which the predefined
            // option does not know.
            .withImportOption(location -> !location.matches(TEST_JAR))
            .importPackages("dev.iotsys");
  }

  @Test
  void theImport_holdsEveryModulesProductionClasses() {
    Set<String> packages = new TreeSet<>();
    production.forEach(c -> packages.add(c.getPackageName()));
    assertThat(packages)
        .contains(
            "dev.iotsys.api",
            "dev.iotsys.spi",
            "dev.iotsys.cli",
            "dev.iotsys.sensor.esp8266temp",
            "dev.iotsys.sensor.esp32bme280",
            "dev.iotsys.sensor.micropython",
            "dev.iotsys.store.dynamodb",
            "dev.iotsys.store.timestream");
    assertThat(packages).anyMatch(p -> p.startsWith("dev.iotsys.internal"));
    assertThat(production.stream().map(JavaClass::getSimpleName))
        .as("test classes stay out of the rules")
        .doesNotContain("ArchitectureTest", "MotoServer");
  }

  @Test
  void sensorTypes_useOnlyTheApiAndSpiOfTheCore() {
    onlyThroughApiAndSpi("dev.iotsys.sensor..").check(production);
  }

  @Test
  void stores_useOnlyTheApiAndSpiOfTheCore() {
    onlyThroughApiAndSpi("dev.iotsys.store..").check(production);
  }

  @Test
  void theCommandLine_usesOnlyTheApi() {
    classes()
        .that()
        .resideInAPackage("dev.iotsys.cli..")
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(CORE_API, "dev.iotsys.cli..")
                .or(not(resideInAPackage("dev.iotsys.."))))
        .because("the command line is one client of the public API, like any embedder")
        .check(production);
  }

  @Test
  void apiAndSpi_doNotDependOnPlugins() {
    classes()
        .that()
        .resideInAnyPackage(CORE_API, CORE_SPI)
        .should()
        .onlyDependOnClassesThat(
            not(
                resideInAnyPackage(
                    "dev.iotsys.cli..", "dev.iotsys.sensor..", "dev.iotsys.store..")))
        .check(production);
  }

  @Test
  void theCore_dependsOnNoSensorTypeNorTheCommandLine() {
    classes()
        .that()
        .resideInAnyPackage(CORE_API, CORE_SPI, INTERNAL, "dev.iotsys.store..")
        .should()
        .onlyDependOnClassesThat(not(resideInAnyPackage("dev.iotsys.sensor..", "dev.iotsys.cli..")))
        .because("a new sensor type is one jar, never an edit of the core")
        .check(production);
  }

  @Test
  void theSpi_doesNotDependOnInternals() {
    classes()
        .that()
        .resideInAPackage(CORE_SPI)
        .should()
        .onlyDependOnClassesThat(not(resideInAPackage(INTERNAL)))
        .because("a plugin compiled against the SPI must not need the core's internals")
        .check(production);
  }

  @Test
  void theSpi_doesNotDependOnTheApi() {
    classes()
        .that()
        .resideInAPackage(CORE_SPI)
        .should()
        .onlyDependOnClassesThat(not(resideInAPackage(CORE_API)))
        .because(
            "the api is built on the spi (embedders call it, plugins never need it), not the"
                + " other way round")
        .check(production);
  }

  @Test
  void theApi_reachesInternalsOnlyThroughTheIotsysFacade() {
    classes()
        .that()
        .resideInAPackage(CORE_API)
        .and()
        .doNotBelongToAnyOf(dev.iotsys.api.Iotsys.class)
        .should()
        .onlyDependOnClassesThat(not(resideInAPackage(INTERNAL)))
        .because(
            "the internals use the api's values and exceptions; an api value that used them back"
                + " would make a circle (as IotsysException and Names once did)")
        .check(production);
  }

  @Test
  void theInternalPackages_dependOnEachOtherWithoutCycles() {
    slices()
        .matching("dev.iotsys.internal.(**)")
        .should()
        .beFreeOfCycles()
        .because("each internal package is a layer: steps over key folders over keys and resources")
        .check(production);
  }

  @Test
  void publicSignaturesOfApiAndSpi_exposeNoInternalType() {
    exposeNoInternalType().check(production);
  }

  @Test
  void publicSignaturesOfApiAndSpi_nameNoAwsSdkType() {
    nameNoTypeOf(
            "software.amazon.awssdk",
            "an AWS SDK",
            "an embedder builds against JDK and iotsys types; Iotsys.Builder.client(Class, T) is"
                + " the one generic way to hand iotsys an SDK object")
        .check(production);
  }

  private static ArchRule onlyThroughApiAndSpi(String plugins) {
    return classes()
        .that()
        .resideInAPackage(plugins)
        .should()
        .onlyDependOnClassesThat(
            resideInAnyPackage(CORE_API, CORE_SPI, plugins)
                .or(not(resideInAPackage("dev.iotsys.."))))
        .because("a plugin is written against the published contract, not the core's internals");
  }

  private static ArchRule exposeNoInternalType() {
    return nameNoTypeOf(
        "dev.iotsys.internal",
        "a dev.iotsys.internal",
        "an embedder sees api and spi only; an internal type there would bind them to it");
  }

  /** Public members of public api and spi classes name no type of the package tree. */
  private static ArchRule nameNoTypeOf(String packagePrefix, String described, String because) {
    return members()
        .that()
        .areDeclaredInClassesThat()
        .resideInAnyPackage(CORE_API, CORE_SPI)
        .and()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .arePublic()
        .should(
            new ArchCondition<JavaMember>("name no " + described + " type in its signature") {
              @Override
              public void check(JavaMember member, ConditionEvents events) {
                List<String> found = typesIn(member, packagePrefix);
                events.add(
                    new SimpleConditionEvent(
                        member, found.isEmpty(), member.getFullName() + " names " + found));
              }
            })
        .because(because);
  }

  /** The internal classes a member's signature names, type arguments and bounds included. */
  private static List<String> internalTypesIn(JavaMember member) {
    return typesIn(member, "dev.iotsys.internal");
  }

  /** The classes of a package tree a member's signature names, type arguments and bounds too. */
  private static List<String> typesIn(JavaMember member, String packagePrefix) {
    List<String> found = new ArrayList<>();
    for (JavaType type : signature(member)) {
      for (JavaClass raw : type.getAllInvolvedRawTypes()) {
        if (raw.getPackageName().startsWith(packagePrefix)) {
          found.add(raw.getSimpleName());
        }
      }
    }
    return found;
  }

  private static List<JavaType> signature(JavaMember member) {
    List<JavaType> types = new ArrayList<>();
    if (member instanceof JavaField field) {
      types.add(field.getType());
    } else if (member instanceof JavaCodeUnit code) {
      types.add(code.getReturnType());
      types.addAll(code.getParameterTypes());
      types.addAll(code.getExceptionTypes());
      types.addAll(code.getTypeParameters());
    }
    return types;
  }

  @Test
  void theSignatureWalk_findsAnInternalTypeInsideAGenericReturnType() {
    JavaClass sample =
        new ClassFileImporter().importClasses(ExposesInternal.class).get(ExposesInternal.class);
    assertThat(internalTypesIn(sample.getMethod("engines"))).containsExactly("ConvergeEngine");
    assertThat(internalTypesIn(sample.getMethod("names"))).isEmpty();
  }

  /** A sample that hands out an internal type inside a generic return type. */
  public static class ExposesInternal {
    public List<dev.iotsys.internal.engine.ConvergeEngine> engines() {
      return List.of();
    }

    public List<String> names() {
      return List.of();
    }
  }
}
