package io.dtm.coordinator;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The standalone coordinator:
 * {@code java -jar dtm-coordinator-embedded-<version>-exec.jar}, port 36789, configured
 * by application.yml or environment variables ({@code DTM_COORDINATOR_STORE_TYPE}, ...).
 * The Actuator (health, info, metrics, prometheus) answers on a management port of its
 * own, 127.0.0.1:36790.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DtmCoordinatorApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(DtmCoordinatorApplication.class);
        // slow clients: a connection idle for 10 s while sending headers is closed
        // (bodies have their own read
        // timeout, dtm.coordinator.limits.body-read-timeout), an idle keep-alive
        // connection after 30 s
        app.setDefaultProperties(Map.of("server.port", "36789", "dtm.coordinator.enabled", "true",
                "spring.application.name", "dtm-coordinator", "server.tomcat.connection-timeout", "10s",
                "server.tomcat.keep-alive-timeout", "30s", "management.server.port", "36790",
                "management.server.address", "127.0.0.1", "management.endpoints.web.exposure.include",
                "health,info,metrics,prometheus", "management.endpoint.health.show-components", "always"));
        app.run(args);
    }

}
