package io.dtm.spring.client;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.dtm.protocol.DtmRetryableException;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The HTTP transport of the client: calls the coordinator and the branches the client
 * calls itself, and hands back status and body without throwing on a status, so that
 * {@link DtmHttpResult#check} applies dtm's reply rules.
 */
public class DtmHttp {

    private static final String APACHE_CLIENT = "org.apache.hc.client5.http.impl.classic.HttpClients";

    private final RestClient restClient;

    private final ServiceUriResolver serviceUris;

    /**
     * Pooled Apache HttpClient 5 where it is on the class path (the starter brings it),
     * else the JDK's client.
     */
    public DtmHttp(Duration timeout) {
        this(timeout, ServiceUriResolver.NONE);
    }

    /**
     * As {@link #DtmHttp(Duration)}, a URI that names a service ({@code lb://...})
     * resolved by {@code serviceUris} at each call.
     */
    public DtmHttp(Duration timeout, ServiceUriResolver serviceUris) {
        this(RestClient.builder().requestFactory(requestFactory(timeout)).build(), serviceUris);
    }

    public DtmHttp(RestClient restClient) {
        this(restClient, ServiceUriResolver.NONE);
    }

    public DtmHttp(RestClient restClient, ServiceUriResolver serviceUris) {
        this.restClient = restClient;
        this.serviceUris = serviceUris;
    }

    public DtmHttpResult get(String url, Map<String, String> query) {
        return exchange(HttpMethod.GET, url, query, null, Map.of());
    }

    public DtmHttpResult get(String url, Map<String, String> query, Map<String, String> headers) {
        return exchange(HttpMethod.GET, url, query, null, headers);
    }

    public DtmHttpResult postJson(String url, Map<String, String> query, String body, Map<String, String> headers) {
        return exchange(HttpMethod.POST, url, query, body, headers);
    }

    public DtmHttpResult exchange(HttpMethod method, String url, Map<String, String> query, String body,
            Map<String, String> headers) {
        return exchange(method, buildUri(url, query), body, headers);
    }

    /**
     * As {@link #exchange(HttpMethod, String, Map, String, Map)} to a URI already built
     * and encoded.
     */
    public DtmHttpResult exchange(HttpMethod method, URI uri, String body, Map<String, String> headers) {
        URI target = this.serviceUris.resolve(uri);
        try {
            RestClient.RequestBodySpec request = this.restClient.method(method)
                .uri(target)
                .contentType(MediaType.APPLICATION_JSON)
                .headers((httpHeaders) -> {
                    if (headers != null) {
                        headers.forEach(httpHeaders::set);
                    }
                });
            if (body != null) {
                request.body(body.getBytes(StandardCharsets.UTF_8));
            }
            return request.exchange((req, response) -> new DtmHttpResult(response.getStatusCode().value(),
                    StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8)));
        }
        catch (ResourceAccessException | UncheckedIOException ex) {
            throw new DtmRetryableException("request to " + target + " failed: " + ex.getMessage(), ex);
        }
    }

    static ClientHttpRequestFactory requestFactory(Duration timeout) {
        if (ClassUtils.isPresent(APACHE_CLIENT, DtmHttp.class.getClassLoader())) {
            return PooledApacheClient.requestFactory(timeout);
        }
        // the JDK's client sends through sendAsync here, which starts a thread for every
        // request where the common pool has a single thread (two cores or fewer)
        HttpClient httpClient = HttpClient.newBuilder()
            // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every
            // plain-HTTP request
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(timeout);
        return requestFactory;
    }

    static URI buildUri(String url, Map<String, String> query) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(url);
        if (query != null) {
            query.forEach((name, value) -> builder.queryParam(name, "{" + name + "}"));
        }
        return builder.encode().buildAndExpand((query != null) ? query : Map.of()).toUri();
    }

}
