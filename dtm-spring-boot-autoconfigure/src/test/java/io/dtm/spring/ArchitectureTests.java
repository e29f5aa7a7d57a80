package io.dtm.spring;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.dtm.spring.annotation.support.StepRecording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client's package map: internal packages ({@code *.support}, {@code *.internal}) are
 * used only by the client itself, the public packages do not expose internal types in
 * their public signatures, and the packages depend on each other without cycles (a
 * deprecated type left at an old name, delegating to its new home, is not counted).
 */
class ArchitectureTests {

    private static final String[] INTERNAL = { "io.dtm.spring..support..", "io.dtm.spring..internal.." };

    private static JavaClasses dtm;

    @BeforeAll
    static void importClasses() {
        dtm = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dtm");
    }

    @Test
    void internalPackagesAreUsedOnlyByTheClient() {
        noClasses().that()
            .resideInAPackage("io.dtm..")
            .and()
            .resideOutsideOfPackage("io.dtm.spring..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(INTERNAL)
            .check(dtm);
    }

    @Test
    void publicSignaturesOfPublicPackagesExposeNoInternalType() {
        noInternalTypeInPublicSignatures().check(dtm);
    }

    @Test
    void aPublicSignatureWithAnInternalTypeIsCaught() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);
        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> noInternalTypeInPublicSignatures().check(leaky))
            .withMessageContaining("exposes the internal type " + StepRecording.class.getName());
    }

    private static ArchRule noInternalTypeInPublicSignatures() {
        return codeUnits().that()
            .areDeclaredInClassesThat()
            .resideInAPackage("io.dtm.spring..")
            .and()
            .areDeclaredInClassesThat()
            .resideOutsideOfPackages(INTERNAL)
            .and()
            .areDeclaredInClassesThat()
            .arePublic()
            .and(isPublicOrProtected())
            .should(exposeNoInternalType());
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.dtm.spring.(**)")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(annotatedWith(Deprecated.class), alwaysTrue())
            .check(dtm);
    }

    private static DescribedPredicate<JavaCodeUnit> isPublicOrProtected() {
        return DescribedPredicate.describe("are public or protected",
                (unit) -> unit.getModifiers().contains(JavaModifier.PUBLIC)
                        || unit.getModifiers().contains(JavaModifier.PROTECTED));
    }

    private static ArchCondition<JavaCodeUnit> exposeNoInternalType() {
        return new ArchCondition<>("expose no type of an internal package") {

            @Override
            public void check(JavaCodeUnit unit, ConditionEvents events) {
                check(unit, unit.getRawReturnType(), events);
                unit.getRawParameterTypes().forEach((type) -> check(unit, type, events));
            }

            private void check(JavaCodeUnit unit, JavaClass type, ConditionEvents events) {
                String name = type.getBaseComponentType().getPackageName() + ".";
                if (name.startsWith("io.dtm.spring.") && (name.contains(".support.") || name.contains(".internal."))) {
                    events.add(SimpleConditionEvent.violated(unit,
                            unit.getFullName() + " exposes the internal type " + type.getName()));
                }
            }

        };
    }

    /** A public type of a public package whose method returns an internal type. */
    public static class LeakyApi {

        public StepRecording recording() {
            return null;
        }

    }

}
