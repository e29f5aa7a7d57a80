package io.dtm.coordinator.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.dtm.coordinator.engine.TopicService;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.support.CoordinatorClock;
import io.dtm.coordinator.engine.support.EngineSettings;
import io.dtm.coordinator.admin.AdminActionsController;
import io.dtm.coordinator.admin.AdminController;
import io.dtm.coordinator.admin.AdminPayloadController;
import io.dtm.coordinator.admin.AdminUiController;
import io.dtm.coordinator.admin.AdminWebConfigurer;
import io.dtm.coordinator.admin.BulkRetry;
import io.dtm.coordinator.admin.LiveReplicas;
import io.dtm.coordinator.admin.RecentBranchCalls;
import io.dtm.coordinator.admin.ReplicaHeartbeat;
import io.dtm.coordinator.admin.ReplicaInfo;
import io.dtm.coordinator.admin.StuckTransactions;
import io.dtm.coordinator.api.ApiLimits;
import io.dtm.coordinator.store.TransStore;

/**
 * The admin UI at {@code /admin} and its endpoints under {@code /api/admin}, with the
 * replica heartbeat and the in-memory log of recent branch calls they show (the heartbeat
 * feeds the admin's replica view only, so a replica without the admin writes none). Off
 * unless {@code dtm.coordinator.admin.enabled=true}, which the standalone coordinator
 * sets: an application that embeds the coordinator serves no admin UI unless it asks.
 */
@AutoConfiguration(after = { DtmCoordinatorEngineAutoConfiguration.class, DtmCoordinatorWebAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "dtm.coordinator", name = "enabled", havingValue = "true")
@ConditionalOnBooleanProperty("dtm.coordinator.admin.enabled")
@EnableConfigurationProperties(DtmCoordinatorAdminProperties.class)
public final class DtmCoordinatorAdminAutoConfiguration {

    /**
     * As the API's /version: dtm reports {@code v0.0.0-dev} when it was built without a
     * version.
     */
    private static final String DEV_VERSION = "v0.0.0-dev";

    /** Fed by the branch caller, so every call the engine makes is remembered. */
    @Bean
    @ConditionalOnMissingBean
    RecentBranchCalls dtmRecentBranchCalls(DtmCoordinatorAdminProperties properties, CoordinatorClock clock) {
        return new RecentBranchCalls(properties.getRecentCalls(), clock);
    }

    @Bean
    CoordinatorBuilderCustomizer dtmRecentBranchCallsCoordinatorCustomizer(RecentBranchCalls calls) {
        return (builder) -> builder.addBranchCallListener(calls);
    }

    @Bean
    @ConditionalOnMissingBean
    ReplicaHeartbeat dtmReplicaHeartbeat(DtmCoordinatorAdminProperties properties, TransStore store,
            Environment environment) {
        Instant started = Instant.now();
        return new ReplicaHeartbeat(store, Clock.systemUTC(), properties.getHeartbeatInterval(), () -> ReplicaInfo
            .starting(host(environment), port(environment), version(), started, properties.getHeartbeatInterval()));
    }

    @Bean
    @ConditionalOnMissingBean
    LiveReplicas dtmLiveReplicas(TransStore store) {
        return new LiveReplicas(store, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    StuckTransactions dtmStuckTransactions(DtmCoordinatorAdminProperties properties, TransService transService,
            CoordinatorClock clock, EngineSettings settings) {
        return new StuckTransactions(transService, clock, settings, properties.getStuckAfter(),
                properties.getStuckScanLimit());
    }

    @Bean
    @ConditionalOnMissingBean
    AdminController dtmAdminController(TransService transService, TopicService topicService,
            RecentBranchCalls recentCalls, StuckTransactions stuck, LiveReplicas replicas, ReplicaHeartbeat heartbeat,
            EngineSettings settings) {
        return new AdminController(transService, topicService, recentCalls, stuck, replicas, heartbeat, settings,
                version());
    }

    @Bean
    @ConditionalOnMissingBean
    BulkRetry dtmBulkRetry(DtmCoordinatorAdminProperties properties, TransService transService,
            StuckTransactions stuck) {
        return new BulkRetry(transService, stuck, properties.getMaxBulkRetry());
    }

    @Bean
    @ConditionalOnMissingBean
    AdminActionsController dtmAdminActionsController(BulkRetry bulkRetry, ObjectProvider<ApiLimits> limits) {
        return new AdminActionsController(bulkRetry, limits.getIfAvailable(ApiLimits::defaults));
    }

    @Bean
    @ConditionalOnMissingBean
    AdminPayloadController dtmAdminPayloadController(TransService transService) {
        return new AdminPayloadController(transService);
    }

    @Bean
    @ConditionalOnMissingBean
    AdminUiController dtmAdminUiController() {
        return new AdminUiController();
    }

    @Bean
    @ConditionalOnMissingBean
    AdminWebConfigurer dtmAdminWebConfigurer() {
        return new AdminWebConfigurer();
    }

    private static String version() {
        String version = DtmCoordinatorAdminAutoConfiguration.class.getPackage().getImplementationVersion();
        return version == null ? DEV_VERSION : "v" + version;
    }

    private static String host(Environment environment) {
        String address = environment.getProperty("server.address");
        if (address != null && !address.isBlank() && !address.equals("0.0.0.0") && !address.equals("::")) {
            return address;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (UnknownHostException ex) {
            return "localhost";
        }
    }

    /**
     * The port the server listens on once it has started; the configured one before (a
     * mock web environment).
     */
    private static int port(Environment environment) {
        Integer port = environment.getProperty("local.server.port", Integer.class);
        return port != null ? port : environment.getProperty("server.port", Integer.class, 8080);
    }

}
