package dev.speedtrade;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layering of ARCHITECTURE.md and the no-floating-point rule, checked on the bytecode.
 */
class ArchitectureTest {
  /**
   * The packages of sdk-core from the bottom up, as docs/architecture.md lists them: each may
   * import only packages listed before it.
   */
  private static final List<String> LAYERS =
      List.of(
          "error",
          "secret",
          "money",
          "event",
          "ledger",
          "broker",
          "kyc",
          "risk",
          "oms",
          "funding",
          "rebalance");

  /** Packages whose public types must not expose floating point. */
  private static final List<String> EXACT_PACKAGES =
      List.of("money", "event", "ledger", "broker", "kyc", "risk", "oms", "funding", "rebalance");

  private static final Set<String> FLOATING =
      Set.of("double", "float", "java.lang.Double", "java.lang.Float");

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.speedtrade");
  }

  @Test
  void eachPackageImportsOnlyThePackagesBelowIt() {
    for (int i = 0; i < LAYERS.size(); i++) {
      List<String> above =
          LAYERS.subList(i + 1, LAYERS.size()).stream()
              .map(layer -> "dev.speedtrade." + layer + "..")
              .toList();
      if (above.isEmpty()) {
        continue;
      }
      noClasses()
          .that()
          .resideInAPackage("dev.speedtrade." + LAYERS.get(i) + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(above.toArray(String[]::new))
          .allowEmptyShould(true)
          .check(core);
    }
  }

  @Test
  void noTwoPackagesDependOnEachOther() {
    slices().matching("dev.speedtrade.(*)..").should().beFreeOfCycles().check(core);
  }

  @Test
  void everyPackageOfCoreIsInTheLayering() {
    Set<String> layered = new java.util.HashSet<>(LAYERS);
    for (JavaClass type : core) {
      String name = type.getPackageName();
      if (name.equals("dev.speedtrade")) {
        continue;
      }
      String top = name.substring("dev.speedtrade.".length()).split("\\.")[0];
      org.assertj.core.api.Assertions.assertThat(layered)
          .as("the layer of " + type.getName())
          .contains(top);
    }
  }

  @Test
  void nothingInCoreDependsOnTheFacade() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.speedtrade")
        .should()
        .dependOnClassesThat()
        .haveNameMatching("dev\\.speedtrade\\.SpeedTrade(\\$.*)?")
        .check(core);
  }

  @Test
  void moneyDependsOnNothingButTheJdkAndTheErrors() {
    dependsOnlyOn("money", "java.", "org.jspecify.", "dev.speedtrade.error.");
  }

  @Test
  void eventsDependOnNothingButTheJdkLoggingTheErrorsAndMoney() {
    // Every service publishes through this package, so it must not pull any of them in.
    dependsOnlyOn(
        "event",
        "java.",
        "org.jspecify.",
        "org.slf4j.",
        "dev.speedtrade.error.",
        "dev.speedtrade.money.");
  }

  /** Checks that the package {@code layer} uses only itself and classes under {@code prefixes}. */
  private static void dependsOnlyOn(String layer, String... prefixes) {
    String own = "dev.speedtrade." + layer + ".";
    noClasses()
        .that()
        .resideInAPackage("dev.speedtrade." + layer + "..")
        .should()
        .dependOnClassesThat(
            new DescribedPredicate<JavaClass>("outside " + String.join(", ", prefixes)) {
              @Override
              public boolean test(JavaClass type) {
                String name = type.getName();
                return !name.startsWith(own)
                    && java.util.Arrays.stream(prefixes).noneMatch(name::startsWith)
                    && !type.isPrimitive()
                    && !type.isArray();
              }
            })
        .check(core);
  }

  @Test
  void onlyTheMicrometerMetricsTouchMicrometerAnOptionalDependency() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.speedtrade.oms.MicrometerOrderMetrics")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.micrometer..")
        .check(core);
  }

  @Test
  void onlyTheReceiptPdfTouchesPdfBoxAnOptionalDependency() {
    noClasses()
        .that()
        .doNotHaveFullyQualifiedName("dev.speedtrade.funding.WithdrawalReceiptPdf")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.pdfbox..", "org.apache.fontbox..")
        .check(core);
  }

  @Test
  void coreDependsOnNoAdapterDatabaseHttpOrJsonLibrary() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.speedtrade.jdbc..",
            "dev.speedtrade.alpaca..",
            "dev.speedtrade.stripe..",
            "dev.speedtrade.signals..",
            "dev.speedtrade.sumsub..",
            "java.sql..",
            "javax.sql..",
            "okhttp3..",
            "com.squareup..",
            "com.fasterxml..",
            "com.google.gson..",
            "java.net.http..")
        .check(core);
  }

  @Test
  void publicTypesOfTheExactPackagesExposeNoFloatingPoint() {
    String[] packages =
        EXACT_PACKAGES.stream().map(p -> "dev.speedtrade." + p + "..").toArray(String[]::new);
    codeUnits()
        .that()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .resideInAnyPackage(packages)
        .and()
        .arePublic()
        .should(exposeNoFloatingPoint())
        .allowEmptyShould(true)
        .check(core);
    fields()
        .that()
        .areDeclaredInClassesThat()
        .arePublic()
        .and()
        .areDeclaredInClassesThat()
        .resideInAnyPackage(packages)
        .and()
        .arePublic()
        .should(
            new ArchCondition<JavaField>("have no floating-point type") {
              @Override
              public void check(JavaField field, ConditionEvents events) {
                if (involvesFloatingPoint(field.getType())) {
                  events.add(
                      SimpleConditionEvent.violated(
                          field, field.getFullName() + " is floating point"));
                }
              }
            })
        .allowEmptyShould(true)
        .check(core);
  }

  private static ArchCondition<JavaCodeUnit> exposeNoFloatingPoint() {
    return new ArchCondition<>("take and return no floating-point type") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        if (unit.getModifiers().contains(JavaModifier.SYNTHETIC)) {
          return;
        }
        List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
        types.add(unit.getReturnType());
        for (JavaType type : types) {
          if (involvesFloatingPoint(type)) {
            events.add(
                SimpleConditionEvent.violated(
                    unit, unit.getFullName() + " exposes " + type.getName()));
          }
        }
      }
    };
  }

  private static boolean involvesFloatingPoint(JavaType type) {
    return type.getAllInvolvedRawTypes().stream().anyMatch(raw -> FLOATING.contains(raw.getName()));
  }
}
