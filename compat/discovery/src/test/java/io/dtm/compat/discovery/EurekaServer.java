package io.dtm.compat.discovery;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.netflix.eureka.server.EnableEurekaServer;
import org.springframework.context.ConfigurableApplicationContext;

/** A Eureka server on a random port, for the coordinator and the participants. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableEurekaServer
class EurekaServer {

    static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(EurekaServer.class).web(WebApplicationType.SERVLET)
            .properties(Map.of("server.port", "0", "spring.main.banner-mode", "off", "spring.application.name",
                    "eureka", "dtm.coordinator.enabled", "false", "eureka.client.register-with-eureka", "false",
                    "eureka.client.fetch-registry", "false", "eureka.server.enable-self-preservation", "false",
                    "eureka.server.use-read-only-response-cache", "false",
                    "eureka.server.wait-time-in-ms-when-sync-empty", "0"))
            .run();
    }

    static String url(ConfigurableApplicationContext ctx) {
        return "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port") + "/eureka/";
    }

}
