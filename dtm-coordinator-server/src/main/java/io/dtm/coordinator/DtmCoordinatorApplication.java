package io.dtm.coordinator;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The standalone coordinator:
 * {@code java -jar dtm-coordinator-server-<version>-exec.jar}, port 36789, configured by
 * application.yml or environment variables ({@code DTM_COORDINATOR_STORE_TYPE}, ...). The
 * Actuator (health, info, metrics, prometheus) answers on a management port of its own,
 * 127.0.0.1:36790.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DtmCoordinatorApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(DtmCoordinatorApplication.class);
        app.setDefaultProperties(defaultProperties());
        app.run(args);
    }

    /**
     * The standalone coordinator's defaults, each overridden by any other source. The
     * admin UI is on, and an H2 store without a URL is a file under
     * {@code ~/.dtm/coordinator} (an application that embeds the coordinator gets neither
     * unless it asks). Slow clients: a connection idle for 10 s while sending headers is
     * closed (bodies have their own read timeout,
     * dtm.coordinator.limits.body-read-timeout), an idle keep-alive connection after 30
     * s. Probes: {@code /actuator/health/liveness} is {@code DOWN} when the recovery
     * poller is dead or stuck ({@code dtmPoller}), so an orchestrator restarts the
     * replica; {@code /actuator/health/readiness} is {@code DOWN} while the store cannot
     * be reached ({@code dtmStore}), so a load balancer sends its requests elsewhere.
     */
    static Map<String, Object> defaultProperties() {
        return Map.ofEntries(Map.entry("server.port", "36789"), Map.entry("dtm.coordinator.enabled", "true"),
                Map.entry("dtm.coordinator.admin.enabled", "true"),
                Map.entry("dtm.coordinator.store.jdbc.default-h2", "file"),
                Map.entry("spring.application.name", "dtm-coordinator"),
                Map.entry("server.tomcat.connection-timeout", "10s"),
                Map.entry("server.tomcat.keep-alive-timeout", "30s"), Map.entry("management.server.port", "36790"),
                Map.entry("management.server.address", "127.0.0.1"),
                Map.entry("management.endpoints.web.exposure.include", "health,info,metrics,prometheus"),
                Map.entry("management.endpoint.health.show-components", "always"),
                Map.entry("management.endpoint.health.probes.enabled", "true"),
                Map.entry("management.endpoint.health.group.liveness.include", "livenessState,dtmPoller"),
                Map.entry("management.endpoint.health.group.readiness.include", "readinessState,dtmStore"));
    }

}
