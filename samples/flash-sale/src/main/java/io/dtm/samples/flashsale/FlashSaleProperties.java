package io.dtm.samples.flashsale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Where the flash sale reaches itself and keeps its Redis keys. */
@ConfigurationProperties("flashsale")
public class FlashSaleProperties {

    /**
     * Base URL at which the coordinator calls this service back (the order branch and the
     * back-check). Empty: http://127.0.0.1 and the port the web server listens on.
     */
    private String baseUrl = "";

    /** Prefix of the stock keys in Redis. */
    private String redisPrefix = "flashsale:";

    public String getBaseUrl() {
        return this.baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getRedisPrefix() {
        return this.redisPrefix;
    }

    public void setRedisPrefix(String redisPrefix) {
        this.redisPrefix = redisPrefix;
    }

}
