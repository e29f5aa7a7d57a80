package io.dtm.samples.flashsale;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The URL at which the coordinator reaches this service, known once the web server
 * listens.
 */
@Component
public class SelfUrl {

    private final FlashSaleProperties properties;

    private volatile int port = -1;

    public SelfUrl(FlashSaleProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        this.port = event.getWebServer().getPort();
    }

    public String of(String path) {
        if (StringUtils.hasText(this.properties.getBaseUrl())) {
            return this.properties.getBaseUrl() + path;
        }
        if (this.port < 0) {
            throw new IllegalStateException("the web server is not listening yet");
        }
        return "http://127.0.0.1:" + this.port + path;
    }

}
