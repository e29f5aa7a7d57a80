package io.dtm.spring.client;

import java.time.Duration;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * The client's transport on Apache HttpClient 5: blocking calls on the caller's thread,
 * kept-alive connections pooled per host (enough for every request thread of a service),
 * no redirects, cookies or retries of its own (dtm's rules decide what is retried).
 */
final class PooledApacheClient {

    /** Per host and in all; more requests at once wait for a connection. */
    static final int MAX_CONNECTIONS = 200;

    private PooledApacheClient() {
    }

    static ClientHttpRequestFactory requestFactory(Duration timeout) {
        Timeout limit = Timeout.of(timeout);
        return new HttpComponentsClientHttpRequestFactory(HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS)
                .setDefaultConnectionConfig(
                        ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
                .build())
            .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(limit).build())
            .disableCookieManagement()
            .disableAuthCaching()
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableContentCompression()
            .build());
    }

}
