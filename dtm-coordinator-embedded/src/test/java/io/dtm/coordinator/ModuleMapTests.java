package io.dtm.coordinator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The coordinator's module and package map: the engine, the store SPI and the model are
 * Spring Boot-free and know nothing of the coordinator's web, admin, metrics or
 * auto-configuration; inside the engine, the entry points use the modes, the modes the
 * runs, the runs the branch calls and all of them the support package, never the other
 * way; the two stores know nothing of each other; the protocol knows nothing of the
 * coordinator or the client.
 */
class ModuleMapTests {

    private static final String[] SPRING_BOOT_INTEGRATION = { "org.springframework.boot..", "io.dtm.coordinator.api..",
            "io.dtm.coordinator.auth..", "io.dtm.coordinator.admin..", "io.dtm.coordinator.autoconfigure..",
            "io.dtm.coordinator.health..", "io.dtm.coordinator.metrics..", "io.dtm.coordinator.observation..",
            "jakarta.servlet.." };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.dtm.coordinator", "io.dtm.protocol");
    }

    @Test
    void theEngineTheStoreSpiAndTheModelAreFreeOfSpringBootAndOfTheIntegration() {
        noClasses().that()
            .resideInAnyPackage("io.dtm.coordinator.engine..", "io.dtm.coordinator.store", "io.dtm.coordinator.model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SPRING_BOOT_INTEGRATION)
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("io.lettuce..", "io.dtm.coordinator.store.jdbc..", "io.dtm.coordinator.store.redis..")
            .check(classes);
    }

    @Test
    void theStoresKnowNeitherEachOtherNorTheIntegration() {
        noClasses().that()
            .resideInAPackage("io.dtm.coordinator.store.jdbc..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.dtm.coordinator.store.redis..", "io.lettuce..")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(SPRING_BOOT_INTEGRATION)
            .check(classes);
        noClasses().that()
            .resideInAPackage("io.dtm.coordinator.store.redis..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.dtm.coordinator.store.jdbc..")
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(SPRING_BOOT_INTEGRATION)
            .check(classes);
    }

    @Test
    void theEnginesPackagesDependOnEachOtherWithoutCycles() {
        slices().matching("io.dtm.coordinator.engine.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theEnginesPackagesFollowAOneWayMap() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("entry points")
            .definedBy("io.dtm.coordinator.engine")
            .layer("modes")
            .definedBy("io.dtm.coordinator.engine.mode..")
            .layer("runs and holds")
            .definedBy("io.dtm.coordinator.engine.run..")
            .layer("branch calls")
            .definedBy("io.dtm.coordinator.engine.call..")
            .layer("support")
            .definedBy("io.dtm.coordinator.engine.support..")
            .whereLayer("entry points")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("modes")
            .mayOnlyBeAccessedByLayers("entry points")
            .whereLayer("runs and holds")
            .mayOnlyBeAccessedByLayers("entry points", "modes")
            .whereLayer("branch calls")
            .mayOnlyBeAccessedByLayers("entry points", "modes", "runs and holds")
            .check(classes);
    }

    @Test
    void theProtocolKnowsNothingOfTheCoordinatorOrTheClient() {
        noClasses().that()
            .resideInAPackage("io.dtm.protocol..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.dtm.coordinator..", "io.dtm.spring..")
            .check(classes);
    }

}
