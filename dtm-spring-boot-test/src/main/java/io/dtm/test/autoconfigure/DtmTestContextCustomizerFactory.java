package io.dtm.test.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dtm.test.DtmTest;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Configures the coordinator of a {@link DtmTest}: embedded, on an in-memory H2 database
 * named for its context, without its own recovery schedule, authentication or URL
 * allow-list, and the dtm client pointed at it.
 */
class DtmTestContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!TestContextAnnotationUtils.hasAnnotation(testClass, DtmTest.class)) {
            return null;
        }
        SpringBootTest bootTest = TestContextAnnotationUtils.findMergedAnnotation(testClass, SpringBootTest.class);
        if (bootTest == null || !bootTest.webEnvironment().isEmbedded()) {
            throw new IllegalStateException("@DtmTest on " + testClass.getName() + " needs a running web server for "
                    + "the coordinator to call the branches: annotate it with "
                    + "@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)");
        }
        return new DtmTestContextCustomizer();
    }

    private static final class DtmTestContextCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("dtm.coordinator.enabled", "true");
            properties.put("dtm.coordinator.cron-enabled", "false");
            properties.put("dtm.coordinator.store.type", "h2");
            properties.put("dtm.coordinator.store.jdbc.url",
                    "jdbc:h2:mem:dtm-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            properties.put("dtm.coordinator.alert-webhook", "");
            properties.put("dtm.coordinator.auth.enabled", "false");
            // the application's production allow-list would refuse the test's own
            // localhost URLs
            properties.put("dtm.coordinator.callback.allowed-urls", "");
            // empty: the client uses the embedded coordinator on this context's port
            properties.put("dtm.server", "");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("dtmTest", properties));
        }

        @Override
        public boolean equals(Object obj) {
            return obj != null && obj.getClass() == getClass();
        }

        @Override
        public int hashCode() {
            return getClass().hashCode();
        }

    }

}
