package io.dtm.coordinator.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import io.dtm.coordinator.api.DtmApiExceptionHandler;
import io.dtm.coordinator.api.DtmServerController;
import io.dtm.coordinator.api.JsonRpcController;
import io.dtm.coordinator.api.PingController;
import io.dtm.coordinator.engine.TopicService;
import io.dtm.coordinator.engine.TransService;

/** dtm's HTTP and JSON-RPC API, served by the application's own servlet container. */
@AutoConfiguration(after = DtmCoordinatorEngineAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "dtm.coordinator", name = "enabled", havingValue = "true")
public class DtmCoordinatorWebAutoConfiguration {

    /** dtm reports {@code v0.0.0-dev} when it was built without a version. */
    private static final String DEV_VERSION = "v0.0.0-dev";

    @Bean
    @ConditionalOnMissingBean
    public DtmServerController dtmServerController(TransService transService, TopicService topicService,
            DtmCoordinatorProperties properties) {
        String version = DtmServerController.class.getPackage().getImplementationVersion();
        return new DtmServerController(transService, topicService, version == null ? DEV_VERSION : "v" + version,
                properties.getTimeoutToFail().toSeconds() * 3);
    }

    @Bean
    @ConditionalOnMissingBean
    public JsonRpcController dtmJsonRpcController(TransService transService) {
        return new JsonRpcController(transService);
    }

    @Bean
    @ConditionalOnMissingBean
    public PingController dtmPingController() {
        return new PingController();
    }

    @Bean
    @ConditionalOnMissingBean
    public DtmApiExceptionHandler dtmApiExceptionHandler() {
        return new DtmApiExceptionHandler();
    }
}
