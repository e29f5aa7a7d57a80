package io.dtm.spring.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;

import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Resolves the coordinator URL and this service's callback URL when they are needed,
 * after the web server has started and its port is known.
 */
public class DtmUrls {

    /**
     * Auto-configurations of dtm-coordinator-embedded; any one of them present means the
     * module is there.
     */
    static final String[] EMBEDDED_COORDINATOR = { "io.dtm.coordinator.autoconfigure.DtmCoordinatorAutoConfiguration",
            "io.dtm.coordinator.autoconfigure.DtmCoordinatorWebAutoConfiguration" };

    static final String DEFAULT_SERVER = "http://localhost:36789/api/dtmsvr";

    static final String API_PATH = "/api/dtmsvr";

    private final DtmProperties properties;

    private final Environment environment;

    private final boolean embeddedCoordinatorPresent;

    /**
     * @throws DtmConfigurationException when {@code dtm.server} is set to anything but an
     * {@code http(s)} URL ending with the coordinator's API path
     */
    public DtmUrls(DtmProperties properties, Environment environment) {
        checkServer(properties.getServer());
        this.properties = properties;
        this.environment = environment;
        // once: server() runs on every call to the coordinator
        this.embeddedCoordinatorPresent = embeddedCoordinatorPresent(getClass().getClassLoader());
    }

    public String server() {
        if (StringUtils.hasText(this.properties.getServer())) {
            return this.properties.getServer();
        }
        if (embeddedCoordinatorEnabled()) {
            return "http://localhost:" + port() + "/api/dtmsvr";
        }
        return DEFAULT_SERVER;
    }

    public String callbackUrl() {
        String url = this.properties.getCallbackUrl();
        if (!StringUtils.hasText(url)) {
            String contextPath = this.environment.getProperty("server.servlet.context-path", "");
            url = "http://localhost:" + port() + contextPath;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The URL of one of the built-in callback endpoints. */
    public String callback(String endpoint) {
        String path = this.properties.getCallbackPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return callbackUrl() + path + endpoint;
    }

    /** Where {@link #server()} comes from, in words, for the startup log. */
    String serverSource() {
        if (StringUtils.hasText(this.properties.getServer())) {
            return "dtm.server";
        }
        return embeddedCoordinatorEnabled() ? "the coordinator embedded in this application"
                : "the default: dtm.server is not set";
    }

    static final String LOAD_BALANCER_CLIENT = "org.springframework.cloud.client.loadbalancer.LoadBalancerClient";

    /**
     * A coordinator URL the client can call: {@code http} or {@code https}, a host, and
     * the API path {@value #API_PATH} (a trailing slash allowed); or
     * {@code lb://<service>/api/dtmsvr}, resolved through Spring Cloud LoadBalancer at
     * each call, where it is on the class path. A URL without a scheme fails every call
     * with "Target host is not specified", one without the path with a 404, so neither is
     * taken.
     */
    static void checkServer(String server) {
        if (!StringUtils.hasText(server)) {
            return;
        }
        String fix = "Set dtm.server to the coordinator's API URL, e.g. " + suggestion(server)
                + ", or leave it unset to use the coordinator embedded in this application "
                + "(dtm.coordinator.enabled=true).";
        URI uri;
        try {
            uri = new URI(server.strip());
        }
        catch (URISyntaxException ex) {
            throw new DtmConfigurationException("dtm.server '" + server + "' is not a URL.", fix);
        }
        String scheme = uri.getScheme();
        if ("lb".equalsIgnoreCase(scheme)) {
            if (!ClassUtils.isPresent(LOAD_BALANCER_CLIENT, null)) {
                throw new DtmConfigurationException(
                        "dtm.server '" + server + "' names a service, and this "
                                + "application has no Spring Cloud LoadBalancer to resolve it.",
                        "Add spring-cloud-starter-loadbalancer and a discovery client (Eureka, Consul, Nacos, "
                                + "Kubernetes), or set dtm.server to the coordinator's http(s) URL.");
            }
            if (!StringUtils.hasText(uri.getHost()) || uri.getPort() != -1 || uri.getUserInfo() != null) {
                throw new DtmConfigurationException(
                        "dtm.server '" + server + "' must name the coordinator's service as its host, without port.",
                        "Set dtm.server to lb://<the coordinator's service name>" + API_PATH
                                + ", e.g. lb://dtm-coordinator" + API_PATH + ".");
            }
        }
        else if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || !StringUtils.hasText(uri.getHost())) {
            throw new DtmConfigurationException("dtm.server '" + server + "' is not an http(s) URL with a host.", fix);
        }
        String path = (uri.getPath() != null) ? uri.getPath() : "";
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!path.endsWith(API_PATH) || uri.getQuery() != null || uri.getFragment() != null) {
            throw new DtmConfigurationException(
                    "dtm.server '" + server + "' does not end with the coordinator's API path " + API_PATH + ".", fix);
        }
    }

    private static String suggestion(String server) {
        String url = server.strip();
        if (!url.contains("://")) {
            url = "http://" + url;
        }
        try {
            URI uri = new URI(url);
            if (StringUtils.hasText(uri.getHost())) {
                return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "")
                        + API_PATH;
            }
        }
        catch (URISyntaxException ex) {
            // no better suggestion than the default
        }
        return DEFAULT_SERVER;
    }

    boolean embeddedCoordinatorEnabled() {
        return this.embeddedCoordinatorPresent && coordinatorEnabled(this.environment);
    }

    /**
     * Whether this application runs dtm-coordinator-embedded's coordinator: the module is
     * on the classpath and {@code dtm.coordinator.enabled=true}.
     */
    static boolean embeddedCoordinatorEnabled(Environment environment, ClassLoader classLoader) {
        return embeddedCoordinatorPresent(classLoader) && coordinatorEnabled(environment);
    }

    private static boolean coordinatorEnabled(Environment environment) {
        return environment.getProperty("dtm.coordinator.enabled", Boolean.class, false);
    }

    private static boolean embeddedCoordinatorPresent(ClassLoader classLoader) {
        for (String className : EMBEDDED_COORDINATOR) {
            if (ClassUtils.isPresent(className, classLoader)) {
                return true;
            }
        }
        return false;
    }

    private String port() {
        String port = this.environment.getProperty("local.server.port");
        if (!StringUtils.hasText(port)) {
            port = this.environment.getProperty("server.port", "8080");
        }
        return port;
    }

}
