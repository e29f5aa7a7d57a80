package io.dtm.coordinator.autoconfigure;

import java.util.List;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.dtm.coordinator.engine.TopicService;
import io.dtm.coordinator.engine.TransService;
import io.dtm.coordinator.engine.call.BranchUrlPolicy;
import io.dtm.coordinator.engine.call.CallbackSigner;
import io.dtm.coordinator.api.AllowedHosts;
import io.dtm.coordinator.api.ApiLimits;
import io.dtm.coordinator.api.BodyBudget;
import io.dtm.coordinator.api.BrowserRequestGuard;
import io.dtm.coordinator.api.DtmApiExceptionHandler;
import io.dtm.coordinator.api.DtmApiPaths;
import io.dtm.coordinator.api.DtmApiRequestFilter;
import io.dtm.coordinator.api.DtmErrorReportValve;
import io.dtm.coordinator.api.DtmServerController;
import io.dtm.coordinator.api.ErrorPathGuard;
import io.dtm.coordinator.api.HeaderReadDeadline;
import io.dtm.coordinator.api.JsonRpcController;
import io.dtm.coordinator.api.PingController;
import io.dtm.coordinator.auth.ApiAuthFilter;
import io.dtm.coordinator.auth.ApiTokens;
import io.dtm.coordinator.api.JsonRpcRoleFilter;
import io.dtm.coordinator.auth.SecurityDefaultsWarning;

/** dtm's HTTP and JSON-RPC API, served by the application's own servlet container. */
@AutoConfiguration(after = DtmCoordinatorEngineAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("dtm.coordinator.enabled")
public final class DtmCoordinatorWebAutoConfiguration {

    /** dtm reports {@code v0.0.0-dev} when it was built without a version. */
    private static final String DEV_VERSION = "v0.0.0-dev";

    @Bean
    @ConditionalOnMissingBean
    ApiLimits dtmApiLimits(DtmCoordinatorProperties properties) {
        DtmCoordinatorProperties.Limits l = properties.getLimits();
        try {
            return new ApiLimits(l.getMaxBodySize().toBytes(), l.getMaxSteps(),
                    (int) Math.min(Integer.MAX_VALUE, l.getMaxStepPayloadSize().toBytes()), l.getBodyReadTimeout());
        }
        catch (IllegalArgumentException ex) {
            throw new DtmCoordinatorConfigurationException(ex.getMessage() + ".",
                    "Change that setting under dtm.coordinator.limits.", ex);
        }
    }

    @Bean
    @ConditionalOnMissingBean
    DtmServerController dtmServerController(TransService transService, TopicService topicService,
            DtmCoordinatorProperties properties, ApiLimits limits) {
        String version = DtmServerController.class.getPackage().getImplementationVersion();
        return new DtmServerController(transService, topicService, version == null ? DEV_VERSION : "v" + version,
                properties.getTimeoutToFail().toSeconds() * 3, limits);
    }

    /**
     * The one startup warning about open security defaults; the starter's own item joins
     * it when both run in this application.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityDefaultsWarning dtmSecurityDefaultsWarning(Environment environment, CallbackSigner signer,
            BranchUrlPolicy urlPolicy, ListableBeanFactory beanFactory) {
        return new SecurityDefaultsWarning(environment, signer, urlPolicy, beanFactory);
    }

    @Bean
    @ConditionalOnMissingBean
    JsonRpcController dtmJsonRpcController(TransService transService, ApiLimits limits) {
        return new JsonRpcController(transService, limits);
    }

    /**
     * Where the filters of the coordinator's requests run: the metrics filter first, to
     * time the whole request; then the browser and host guard and the error-path guard,
     * which read only the request line and headers; then authentication, which reads only
     * headers; then the body reader, before any other filter can parse the request; then
     * the JSON-RPC method check, which needs the body.
     */
    static final int GUARD_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    static final int AUTH_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    static final int REQUEST_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 3;

    static final int RPC_ROLE_FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 4;

    @Bean
    @ConditionalOnMissingBean
    BodyBudget dtmBodyBudget(DtmCoordinatorProperties properties) {
        try {
            return new BodyBudget(properties.getLimits().getMaxBufferedBytes().toBytes());
        }
        catch (IllegalArgumentException ex) {
            throw new DtmCoordinatorConfigurationException(ex.getMessage() + ".",
                    "Change that setting under dtm.coordinator.limits.", ex);
        }
    }

    /**
     * Runs on the coordinator's paths only, before any filter that parses the request;
     * after the metrics filter and authentication, which read no body.
     */
    @Bean
    @ConditionalOnMissingBean(name = "dtmApiRequestFilter")
    FilterRegistrationBean<DtmApiRequestFilter> dtmApiRequestFilter(ApiLimits limits, BodyBudget budget) {
        FilterRegistrationBean<DtmApiRequestFilter> registration = new FilterRegistrationBean<>(
                new DtmApiRequestFilter(limits, budget));
        registration.addUrlPatterns(DtmApiPaths.SERVLET_PATTERNS);
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ASYNC);
        registration.setAsyncSupported(true);
        registration.setOrder(REQUEST_FILTER_ORDER);
        return registration;
    }

    /**
     * The host names the API answers to: the configured ones, or when none is configured
     * the loopback names while authentication is off (a web page cannot present a bearer
     * token it does not have, so with authentication on any name is served).
     */
    @Bean
    @ConditionalOnMissingBean
    AllowedHosts dtmAllowedHosts(DtmCoordinatorProperties properties) {
        List<String> configured = properties.getWeb().getAllowedHosts();
        if ((configured == null || configured.isEmpty()) && properties.getAuth().isEnabled()) {
            return AllowedHosts.any();
        }
        try {
            return AllowedHosts.of(configured);
        }
        catch (IllegalArgumentException ex) {
            throw new DtmCoordinatorConfigurationException(ex.getMessage() + ".",
                    "Change dtm.coordinator.web.allowed-hosts.", ex);
        }
    }

    /**
     * Runs before anything reads the request: refuses foreign Host names, requests that
     * change something without a JSON body, and state-changing requests a browser marks
     * as cross-site.
     */
    @Bean
    @ConditionalOnMissingBean(name = "dtmBrowserRequestGuard")
    FilterRegistrationBean<BrowserRequestGuard> dtmBrowserRequestGuard(AllowedHosts hosts) {
        FilterRegistrationBean<BrowserRequestGuard> registration = new FilterRegistrationBean<>(
                new BrowserRequestGuard(hosts));
        registration.addUrlPatterns("/api/dtmsvr/*", "/api/json-rpc/*", "/api/admin/*");
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST);
        registration.setAsyncSupported(true);
        registration.setOrder(GUARD_FILTER_ORDER);
        return registration;
    }

    /**
     * A request straight to the error path gets the unknown route's 404 instead of Boot's
     * error page for a status it never had.
     */
    @Bean
    @ConditionalOnMissingBean(name = "dtmErrorPathGuard")
    FilterRegistrationBean<ErrorPathGuard> dtmErrorPathGuard(Environment environment) {
        FilterRegistrationBean<ErrorPathGuard> registration = new FilterRegistrationBean<>(new ErrorPathGuard());
        registration.addUrlPatterns(environment.getProperty("server.error.path", "/error"));
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST);
        registration.setOrder(GUARD_FILTER_ORDER);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    PingController dtmPingController() {
        return new PingController();
    }

    @Bean
    @ConditionalOnMissingBean
    DtmApiExceptionHandler dtmApiExceptionHandler() {
        return new DtmApiExceptionHandler();
    }

    /**
     * URLs Tomcat refuses before any servlet runs get dtm's JSON on the coordinator's
     * paths; other paths keep Tomcat's page. Left alone when the application installed
     * its own error report valve.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.startup.Tomcat")
    static final class TomcatErrorReports {

        private static final String TOMCAT_DEFAULT_VALVE = "org.apache.catalina.valves.ErrorReportValve";

        @Bean
        @ConditionalOnMissingBean
        HeaderReadDeadline dtmHeaderReadDeadline(DtmCoordinatorProperties properties) {
            try {
                return new HeaderReadDeadline(properties.getLimits().getHeaderReadTimeout());
            }
            catch (IllegalArgumentException ex) {
                throw new DtmCoordinatorConfigurationException(ex.getMessage() + ".",
                        "Change dtm.coordinator.limits.header-read-timeout.", ex);
            }
        }

        @Bean
        @ConditionalOnMissingBean(name = "dtmErrorReportValveCustomizer")
        TomcatContextCustomizer dtmErrorReportValveCustomizer() {
            return context -> {
                if (context.getParent() instanceof org.apache.catalina.core.StandardHost host
                        && TOMCAT_DEFAULT_VALVE.equals(host.getErrorReportValveClass())) {
                    host.setErrorReportValveClass(DtmErrorReportValve.class.getName());
                }
            };
        }

    }

    /**
     * Bearer tokens on the API, as a plain servlet filter rather than Spring Security: a
     * handful of path rules and a digest comparison do not need a security framework on
     * every embedding application's classpath, where it would also start guarding the
     * application's own routes.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty("dtm.coordinator.auth.enabled")
    static final class AuthConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ApiTokens dtmApiTokens(DtmCoordinatorProperties properties) {
            return ApiTokens.of(properties.getAuth()
                .getTokens()
                .stream()
                .map(t -> new ApiTokens.Configured(t.getToken(), t.getTokenSha256(), t.getRole(), t.getGidPrefixes()))
                .toList());
        }

        @Bean
        @ConditionalOnMissingBean(name = "dtmApiAuthFilter")
        FilterRegistrationBean<ApiAuthFilter> dtmApiAuthFilter(ApiTokens tokens) {
            FilterRegistrationBean<ApiAuthFilter> registration = new FilterRegistrationBean<>(
                    new ApiAuthFilter(tokens));
            registration.setName("dtmApiAuthFilter");
            registration.setOrder(AUTH_FILTER_ORDER);
            return registration;
        }

        @Bean
        @ConditionalOnMissingBean(name = "dtmJsonRpcRoleFilter")
        FilterRegistrationBean<JsonRpcRoleFilter> dtmJsonRpcRoleFilter() {
            FilterRegistrationBean<JsonRpcRoleFilter> registration = new FilterRegistrationBean<>(
                    new JsonRpcRoleFilter());
            registration.setName("dtmJsonRpcRoleFilter");
            registration.setOrder(RPC_ROLE_FILTER_ORDER);
            return registration;
        }

    }

}
