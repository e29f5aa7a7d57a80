package io.dtm.coordinator.recovery;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A coordinator on its own, started and stopped by tests that need several of them or a
 * restart.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class CoordinatorOnlyApp {

    static ConfigurableApplicationContext start(Map<String, Object> properties, Object... extraBeans) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(CoordinatorOnlyApp.class)
            .web(WebApplicationType.SERVLET)
            .properties(Map.of("server.port", "0", "dtm.coordinator.enabled", "true", "spring.main.banner-mode", "off"))
            .properties(properties);
        for (Object bean : extraBeans) {
            builder.initializers(ctx -> ctx.getBeanFactory().registerSingleton(bean.getClass().getSimpleName(), bean));
        }
        return builder.run();
    }

    static int port(ConfigurableApplicationContext ctx) {
        return Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
    }

}
