package io.dtm.spring;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The client's packages (each sub-package on its own) depend on each other without
 * cycles. A deprecated type left where a public type used to be, delegating to it, is not
 * counted.
 */
class PackageCyclesTests {

    @Test
    void noPackageCycles() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dtm.spring");
        slices().matching("io.dtm.spring.(**)")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(annotatedWith(Deprecated.class), alwaysTrue())
            .check(classes);
    }

}
