package io.dtm.test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The kit's packages depend on each other without cycles. */
class PackageCyclesTests {

    @Test
    void noPackageCycles() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dtm.test");
        slices().matching("io.dtm.(**)").should().beFreeOfCycles().check(classes);
    }

}
