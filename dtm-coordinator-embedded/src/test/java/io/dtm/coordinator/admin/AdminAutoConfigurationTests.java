package io.dtm.coordinator.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import io.dtm.coordinator.autoconfigure.DtmCoordinatorAdminAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorEngineAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorJdbcStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorStoreAutoConfiguration;
import io.dtm.coordinator.autoconfigure.DtmCoordinatorWebAutoConfiguration;

/**
 * The admin auto-configuration: off in an application that embeds the coordinator unless
 * it asks, and never without the coordinator.
 */
class AdminAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmCoordinatorJdbcStoreAutoConfiguration.class,
                DtmCoordinatorStoreAutoConfiguration.class, DtmCoordinatorEngineAutoConfiguration.class,
                DtmCoordinatorWebAutoConfiguration.class, DtmCoordinatorAdminAutoConfiguration.class))
        .withPropertyValues("dtm.coordinator.cron-enabled=false",
                "dtm.coordinator.store.url=jdbc:h2:mem:admin-autoconfig;DB_CLOSE_DELAY=-1");

    @Test
    void onWhenAskedFor() {
        runner
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.admin.enabled=true",
                    "dtm.coordinator.admin.recent-calls=50", "dtm.coordinator.admin.heartbeat-interval=2s")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(AdminController.class)
                    .hasSingleBean(AdminUiController.class)
                    .hasSingleBean(StuckTransactions.class)
                    .hasSingleBean(LiveReplicas.class);
                assertThat(context.getBean(RecentBranchCalls.class).capacity()).isEqualTo(50);
                assertThat(context.getBean(ReplicaHeartbeat.class).interval()).hasSeconds(2);
            });
    }

    @Test
    void offByDefaultSoAnEmbeddedCoordinatorWritesNoReplicaHeartbeat() {
        runner.withPropertyValues("dtm.coordinator.enabled=true").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(AdminController.class)
                .doesNotHaveBean(AdminUiController.class)
                .doesNotHaveBean(ReplicaHeartbeat.class)
                .doesNotHaveBean(RecentBranchCalls.class);
        });
    }

    @Test
    void offByItsPropertyOrWithoutTheCoordinator() {
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.admin.enabled=false")
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(AdminController.class)
                    .doesNotHaveBean(ReplicaHeartbeat.class)
                    .doesNotHaveBean(RecentBranchCalls.class);
            });
        runner.withPropertyValues("dtm.coordinator.admin.enabled=true")
            .run(context -> assertThat(context).doesNotHaveBean(AdminController.class));
    }

}
