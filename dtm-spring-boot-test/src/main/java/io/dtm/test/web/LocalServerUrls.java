package io.dtm.test.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Gives a URL that names this application with port {@code 0} the port its web server
 * listens on. Under {@code @SpringBootTest(webEnvironment = RANDOM_PORT)},
 * {@code server.port} is {@code 0}, so a URL written as
 * {@code http://localhost:${server.port}} names port 0 until the server has started and
 * chosen its port ({@code local.server.port}).
 */
public class LocalServerUrls {

    private static final String LOCAL_SERVER_PORT = "local.server.port";

    private final Environment environment;

    public LocalServerUrls(Environment environment) {
        this.environment = environment;
    }

    /**
     * The URL with port {@code 0} on a loopback host replaced by the local server's port;
     * any other URL as it is.
     * @throws IllegalStateException when the URL names port 0 and the web server has not
     * started yet
     */
    public String resolve(String url) {
        if (!namesPortZero(url)) {
            return url;
        }
        Integer port = this.environment.getProperty(LOCAL_SERVER_PORT, Integer.class);
        if (port == null || port == 0) {
            throw new IllegalStateException("The URL " + url + " names port 0: it was resolved from server.port "
                    + "before the web server chose its port. Call it once the application has started, or write "
                    + "it with ${local.server.port} and set spring.cloud.openfeign.lazy-attributes-resolution=true");
        }
        return UriComponentsBuilder.fromUriString(url).port(port).build(true).toUriString();
    }

    static boolean namesPortZero(@Nullable String url) {
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(url);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        return uri.getPort() == 0 && isLoopback(uri.getHost());
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        if (!Character.isDigit(host.charAt(0)) && !host.startsWith("[")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

}
