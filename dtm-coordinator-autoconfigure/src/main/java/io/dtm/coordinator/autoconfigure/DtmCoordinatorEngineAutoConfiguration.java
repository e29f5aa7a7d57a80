package io.dtm.coordinator.autoconfigure;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.dtm.coordinator.engine.Coordinator;
import io.dtm.coordinator.engine.CronPoller;
import io.dtm.coordinator.engine.FinishedRetention;
import io.dtm.coordinator.engine.TopicService;
import io.dtm.coordinator.engine.TransProcessedListener;
import io.dtm.coordinator.engine.TransProcessor;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.call.BranchCaller;
import io.dtm.coordinator.engine.call.BranchTracer;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.coordinator.engine.call.ServiceUrlResolver;
import io.dtm.coordinator.engine.support.CoordinatorClock;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.engine.support.TransLimits;
import io.dtm.coordinator.store.TransStore;

/**
 * The coordinator's engine: branch caller, per-mode processing, topics and the recovery
 * poller.
 */
@AutoConfiguration(after = DtmCoordinatorStoreAutoConfiguration.class)
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
@EnableConfigurationProperties(DtmCoordinatorProperties.class)
public final class DtmCoordinatorEngineAutoConfiguration {

    /**
     * 16 characters: a key shorter than that can be guessed from one signed call by brute
     * force.
     */
    private static final int MIN_KEY_LENGTH = 16;

    @Bean
    @ConditionalOnMissingBean
    CoordinatorClock dtmCoordinatorClock() {
        return CoordinatorClock.system();
    }

    @Bean
    @ConditionalOnMissingBean
    EngineSettings dtmEngineSettings(DtmCoordinatorProperties p) {
        if (p.getMaxRetryInterval() == null || p.getMaxRetryInterval().toSeconds() < 1) {
            throw new DtmCoordinatorConfigurationException(
                    "dtm.coordinator.max-retry-interval is " + p.getMaxRetryInterval() + "; it must be at least 1s.",
                    "Set dtm.coordinator.max-retry-interval to a duration of a second or more, such as 1m.");
        }
        return new EngineSettings(p.getRetryInterval(), p.getTimeoutToFail(), p.getRequestTimeout(),
                p.getCronInterval(), p.getAlertRetryLimit(), p.getAlertWebhook(), p.getClaimMargin(),
                p.getMaxRetryInterval());
    }

    /** Replace it with a {@link CoordinatorBuilderCustomizer} (branchExecutor). */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService dtmBranchExecutor(DtmCoordinatorProperties p) {
        // a saturated pool runs the branch on the pass's own thread instead of failing it
        return new ThreadPoolExecutor(0, p.getBranchThreads(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                daemonThreads("dtm-branch-"), new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Replace it with a {@link CoordinatorBuilderCustomizer} (processExecutor). */
    @Bean(destroyMethod = "shutdownNow")
    ExecutorService dtmProcessExecutor(DtmCoordinatorProperties p) {
        return new ThreadPoolExecutor(p.getProcessThreads(), p.getProcessThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(p.getProcessQueueCapacity()), daemonThreads("dtm-process-"));
    }

    @Bean
    CallbackSigner dtmCallbackSigner(DtmCoordinatorProperties p) {
        List<String> keys = p.getCallback().getSigningKeys();
        keys.stream().filter(k -> k != null && k.length() < MIN_KEY_LENGTH).findAny().ifPresent(k -> {
            throw new DtmCoordinatorConfigurationException("dtm.coordinator.callback.signing-keys: every key needs "
                    + "at least " + MIN_KEY_LENGTH + " characters.", "Generate one with: openssl rand -hex 32");
        });
        return new CallbackSigner(keys, () -> System.currentTimeMillis() / 1000);
    }

    @Bean
    BranchUrlPolicy dtmBranchUrlPolicy(DtmCoordinatorProperties p) {
        BranchUrlPolicy policy;
        try {
            policy = new BranchUrlPolicy(p.getCallback().getAllowedUrls());
        }
        catch (IllegalArgumentException ex) {
            throw new DtmCoordinatorConfigurationException(ex.getMessage(), "Correct the entry: patterns look like "
                    + "https://*.svc.cluster.local/** or http://bank:8081/api/**.", ex);
        }
        return policy;
    }

    /** Replace it with a {@link CoordinatorBuilderCustomizer} (branchCaller). */
    @Bean
    BranchCaller dtmBranchCaller(EngineSettings settings, DtmCoordinatorProperties p, CallbackSigner signer,
            BranchUrlPolicy urlPolicy, ObjectProvider<ServiceUrlResolver> serviceUrls) {
        long maxReplyBytes = p.getLimits().getMaxReplyBytes().toBytes();
        if (maxReplyBytes < 1 || maxReplyBytes > Integer.MAX_VALUE - 8) {
            throw new DtmCoordinatorConfigurationException(
                    "dtm.coordinator.limits.max-reply-bytes must be between 1B and 2GB, was " + maxReplyBytes + "B.",
                    "Set it to the longest reply a branch may give, such as 64KB.");
        }
        return new BranchCaller(BranchCaller.defaultHttpClient(p.branchConnections(), urlPolicy),
                settings.requestTimeout(), signer, urlPolicy, (int) maxReplyBytes,
                serviceUrls.getIfAvailable(ServiceUrlResolver::none));
    }

    @Bean
    @ConditionalOnMissingBean
    Coordinator dtmCoordinator(TransStore store, CoordinatorClock clock, EngineSettings settings,
            @Qualifier("dtmBranchCaller") BranchCaller caller,
            @Qualifier("dtmBranchExecutor") ExecutorService branchExecutor,
            @Qualifier("dtmProcessExecutor") ExecutorService processExecutor,
            ObjectProvider<TransProcessedListener> listeners, CallbackSigner signer, DtmCoordinatorProperties p,
            ObjectProvider<CoordinatorBuilderCustomizer> customizers) {
        Coordinator.Builder builder = Coordinator.builder(store)
            .settings(settings)
            .clock(clock)
            .branchCaller(caller)
            .branchTracer(p.isTracingEnabled() ? BranchTracer.w3c() : BranchTracer.off())
            .executors(branchExecutor, processExecutor)
            .listeners(listeners.orderedStream().toList())
            .alertSigner(signer)
            .cron(p.isCronEnabled(), p.getCronConcurrency())
            .limits(transLimits(p.getLimits()));
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    private static TransLimits transLimits(DtmCoordinatorProperties.Limits l) {
        try {
            return new TransLimits(l.getMaxSubscribersPerTopic(), l.getMaxBranches(),
                    l.getMaxTransactionSize().toBytes());
        }
        catch (IllegalArgumentException ex) {
            throw new DtmCoordinatorConfigurationException(ex.getMessage() + ".",
                    "Change that setting under dtm.coordinator.limits.", ex);
        }
    }

    /*
     * The parts of the built coordinator, as beans for the API, admin and health: never
     * replaced on their own, so that they are always the engine's.
     */

    @Bean
    TopicService dtmTopicService(Coordinator coordinator) {
        return coordinator.topics();
    }

    @Bean
    TransProcessor dtmTransProcessor(Coordinator coordinator) {
        return coordinator.processor();
    }

    @Bean
    TransService dtmTransService(Coordinator coordinator) {
        return coordinator.service();
    }

    @Bean
    CronPoller dtmCronPoller(Coordinator coordinator) {
        return coordinator.poller();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("dtm.coordinator.retention.enabled")
    FinishedRetention dtmFinishedRetention(TransStore store, CoordinatorClock clock, DtmCoordinatorProperties p) {
        DtmCoordinatorProperties.Retention r = p.getRetention();
        return new FinishedRetention(store, clock, r.getFinishedAge(), r.getInterval(), r.getBatchSize(),
                r.getMaxBatches());
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

}
