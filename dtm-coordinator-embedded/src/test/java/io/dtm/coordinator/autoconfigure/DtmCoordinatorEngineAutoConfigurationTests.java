package io.dtm.coordinator.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import io.dtm.coordinator.engine.Coordinator;
import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.engine.FinishedRetention;
import io.dtm.coordinator.engine.TopicService;
import io.dtm.coordinator.engine.TransProcessor;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.coordinator.engine.support.CoordinatorClock;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.store.TransStore;

class DtmCoordinatorEngineAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmCoordinatorEngineAutoConfiguration.class))
        .withUserConfiguration(MockStore.class)
        .withPropertyValues("dtm.coordinator.cron-enabled=false");

    @Test
    void offUnlessTheCoordinatorIsEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(TransService.class)
            .doesNotHaveBean(TransProcessor.class)
            .doesNotHaveBean(CronPoller.class));
        runner.withPropertyValues("dtm.coordinator.enabled=false")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TransService.class));
    }

    @Test
    void theEngineWithoutAWebServer() {
        runner
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.retry-interval=7s",
                    "dtm.coordinator.cron-concurrency=3")
            .run(context -> {
                assertThat(context).hasNotFailed()
                    .hasSingleBean(CoordinatorClock.class)
                    .hasSingleBean(EngineSettings.class)
                    .hasSingleBean(CallbackSigner.class)
                    .hasSingleBean(BranchUrlPolicy.class)
                    .hasSingleBean(BranchCaller.class)
                    .hasSingleBean(TopicService.class)
                    .hasSingleBean(TransProcessor.class)
                    .hasSingleBean(TransService.class)
                    .hasSingleBean(CronPoller.class)
                    .hasBean("dtmBranchExecutor")
                    .hasBean("dtmProcessExecutor");
                assertThat(context.getBean(EngineSettings.class).retryInterval()).hasSeconds(7);
                assertThat(context.getBean(EngineSettings.class).maxRetryInterval()).hasSeconds(60);
            });
    }

    @Test
    void aLimitOutOfRangeFailsStartupNamingIt() {
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.limits.max-branches=1")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("dtm.coordinator.limits.max-branches must be at least 2"));
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.limits.max-subscribers-per-topic=0")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("dtm.coordinator.limits.max-subscribers-per-topic"));
    }

    @Test
    void theRetryBackoffCapIsASettingOfAtLeastASecond() {
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.max-retry-interval=5m")
            .run(context -> assertThat(context.getBean(EngineSettings.class).maxRetryInterval()).hasMinutes(5));
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.max-retry-interval=0s")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("dtm.coordinator.max-retry-interval is PT0S; it must be at least 1s"));
    }

    @Test
    void theBranchCallerReadsAtMostMaxReplyBytes() {
        runner.withPropertyValues("dtm.coordinator.enabled=true")
            .run(context -> assertThat(context.getBean(BranchCaller.class).maxReplyBytes()).isEqualTo(64 * 1024));
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.limits.max-reply-bytes=1KB")
            .run(context -> assertThat(context.getBean(BranchCaller.class).maxReplyBytes()).isEqualTo(1024));
        runner.withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.limits.max-reply-bytes=0B")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("dtm.coordinator.limits.max-reply-bytes"));
    }

    @Test
    void deletesFinishedTransactionsOnlyWhenRetentionIsEnabled() {
        runner.withPropertyValues("dtm.coordinator.enabled=true")
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(FinishedRetention.class));
        runner
            .withPropertyValues("dtm.coordinator.enabled=true", "dtm.coordinator.retention.enabled=true",
                    "dtm.coordinator.retention.finished-age=3d", "dtm.coordinator.retention.batch-size=50")
            .run(context -> {
                assertThat(context).hasNotFailed().hasSingleBean(FinishedRetention.class);
                DtmCoordinatorProperties.Retention r = context.getBean(DtmCoordinatorProperties.class).getRetention();
                assertThat(r.getFinishedAge()).hasDays(3);
                assertThat(r.getBatchSize()).isEqualTo(50);
            });
    }

    @Test
    void backsOffForTheApplicationsBeans() {
        runner.withPropertyValues("dtm.coordinator.enabled=true")
            .withUserConfiguration(UserEngineBeans.class)
            .run(context -> {
                assertThat(context).hasNotFailed()
                    .hasSingleBean(CoordinatorClock.class)
                    .hasSingleBean(EngineSettings.class);
                assertThat(context.getBean(CoordinatorClock.class)).isSameAs(UserEngineBeans.CLOCK);
                assertThat(context.getBean(EngineSettings.class)).isSameAs(UserEngineBeans.SETTINGS);
            });
    }

    @Test
    void customizerBeansAreAppliedToTheBuilderInOrder() {
        List<String> applied = new CopyOnWriteArrayList<>();
        TransStore decorated = mock(TransStore.class);
        runner.withPropertyValues("dtm.coordinator.enabled=true")
            .withBean("second", CoordinatorBuilderCustomizer.class, () -> new OrderedCustomizer(2, (builder) -> {
                applied.add("second");
                builder.decorateStore((store) -> decorated);
            }))
            .withBean("first", CoordinatorBuilderCustomizer.class,
                    () -> new OrderedCustomizer(1, (builder) -> applied.add("first")))
            .run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(applied).containsExactly("first", "second");
                assertThat(context.getBean(Coordinator.class).store()).isSameAs(decorated);
            });
    }

    @Test
    void theApplicationsStoreIsTheOneTheEngineWritesThrough() {
        runner.withPropertyValues("dtm.coordinator.enabled=true")
            .run(context -> assertThat(context.getBean(Coordinator.class).store())
                .isSameAs(context.getBean(TransStore.class)));
    }

    @Test
    void theApiServesThePartsOfTheBuiltCoordinator() {
        runner.withPropertyValues("dtm.coordinator.enabled=true").run(context -> {
            Coordinator coordinator = context.getBean(Coordinator.class);
            assertThat(context.getBean(TransService.class)).isSameAs(coordinator.service());
            assertThat(context.getBean(TopicService.class)).isSameAs(coordinator.topics());
            assertThat(context.getBean(CronPoller.class)).isSameAs(coordinator.poller());
        });
    }

    record OrderedCustomizer(int order,
            CoordinatorBuilderCustomizer delegate) implements CoordinatorBuilderCustomizer, Ordered {

        @Override
        public void customize(Coordinator.Builder builder) {
            delegate.customize(builder);
        }

        @Override
        public int getOrder() {
            return order;
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class MockStore {

        @Bean
        TransStore transStore() {
            return mock(TransStore.class);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class UserEngineBeans {

        static final CoordinatorClock CLOCK = CoordinatorClock.system();

        static final EngineSettings SETTINGS = new EngineSettings(java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(4), 5,
                "", java.time.Duration.ofSeconds(2));

        @Bean
        CoordinatorClock myClock() {
            return CLOCK;
        }

        @Bean
        EngineSettings mySettings() {
            return SETTINGS;
        }

    }

}
