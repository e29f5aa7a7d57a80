package io.dtm.coordinator;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The coordinator's packages (each sub-package on its own) depend on each other without
 * cycles.
 */
class PackageCyclesTests {

    @Test
    void noPackageCycles() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dtm.coordinator");
        slices().matching("io.dtm.coordinator.(**)").should().beFreeOfCycles().check(classes);
    }

}
