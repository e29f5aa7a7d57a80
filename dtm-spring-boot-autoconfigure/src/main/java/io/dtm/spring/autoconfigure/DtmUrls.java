package io.dtm.spring.autoconfigure;

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

    private final DtmProperties properties;

    private final Environment environment;

    private final boolean embeddedCoordinatorPresent;

    public DtmUrls(DtmProperties properties, Environment environment) {
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

    boolean embeddedCoordinatorEnabled() {
        return this.embeddedCoordinatorPresent
                && this.environment.getProperty("dtm.coordinator.enabled", Boolean.class, false);
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
