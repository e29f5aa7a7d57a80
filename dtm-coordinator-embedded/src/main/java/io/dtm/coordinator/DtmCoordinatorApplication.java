package io.dtm.coordinator;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The standalone coordinator: {@code java -jar dtm-coordinator-embedded-<version>-exec.jar}, port 36789,
 * configured by application.yml or environment variables ({@code DTM_COORDINATOR_STORE_TYPE}, ...).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class DtmCoordinatorApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(DtmCoordinatorApplication.class);
        app.setDefaultProperties(Map.of("server.port", "36789", "dtm.coordinator.enabled", "true",
                "spring.application.name", "dtm-coordinator"));
        app.run(args);
    }
}
