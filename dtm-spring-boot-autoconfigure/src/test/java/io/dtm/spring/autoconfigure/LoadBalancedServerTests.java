package io.dtm.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.dtm.protocol.DtmRetryableException;
import io.dtm.spring.client.DtmClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequest;
import org.springframework.cloud.client.loadbalancer.Request;

/**
 * {@code dtm.server: lb://dtm-coordinator/api/dtmsvr}: every call to the coordinator asks
 * the LoadBalancer for an instance, while the client keeps the service URL as the
 * coordinator's identity.
 */
class LoadBalancedServerTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DtmClientAutoConfiguration.class));

    private final List<String> hits = new CopyOnWriteArrayList<>();

    private final Deque<Integer> choices = new ArrayDeque<>();

    private HttpServer first;

    private HttpServer second;

    @BeforeEach
    void start() throws Exception {
        first = coordinator("first");
        second = coordinator("second");
    }

    @AfterEach
    void stop() {
        first.stop(0);
        second.stop(0);
    }

    private HttpServer coordinator(String name) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/dtmsvr/query", (exchange) -> {
            hits.add(name + " " + exchange.getRequestURI().getPath());
            byte[] reply = ("{\"transaction\":{\"gid\":\"gid-from-" + name + "\"},\"branches\":[]}")
                .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        return server;
    }

    private LoadBalancerClient loadBalancer() {
        return new LoadBalancerClient() {

            @Override
            public ServiceInstance choose(String serviceId) {
                Integer port;
                synchronized (choices) {
                    port = "dtm-coordinator".equals(serviceId) ? choices.poll() : null;
                }
                return (port != null) ? new DefaultServiceInstance("dtm-" + port, serviceId, "127.0.0.1", port, false)
                        : null;
            }

            @Override
            public <T> ServiceInstance choose(String serviceId, Request<T> request) {
                return choose(serviceId);
            }

            @Override
            public <T> T execute(String serviceId, LoadBalancerRequest<T> request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <T> T execute(String serviceId, ServiceInstance serviceInstance, LoadBalancerRequest<T> request) {
                throw new UnsupportedOperationException();
            }

            @Override
            public URI reconstructURI(ServiceInstance instance, URI original) {
                throw new UnsupportedOperationException();
            }

        };
    }

    @Test
    void eachCallToTheCoordinatorGoesToTheInstanceTheLoadBalancerChooses() {
        choices.add(first.getAddress().getPort());
        choices.add(second.getAddress().getPort());
        this.runner.withPropertyValues("dtm.server=lb://dtm-coordinator/api/dtmsvr")
            .withBean(LoadBalancerClient.class, this::loadBalancer)
            .run((context) -> {
                DtmClient client = context.getBean(DtmClient.class);
                assertThat(client.server()).isEqualTo("lb://dtm-coordinator/api/dtmsvr");
                assertThat(client.query("g1").path("transaction").path("gid").asString()).isEqualTo("gid-from-first");
                assertThat(client.query("g2").path("transaction").path("gid").asString()).isEqualTo("gid-from-second");
                assertThatThrownBy(() -> client.query("g3")).isInstanceOf(DtmRetryableException.class)
                    .hasMessageContaining("no instance of service 'dtm-coordinator'");
            });
        assertThat(hits).containsExactly("first /api/dtmsvr/query", "second /api/dtmsvr/query");
    }

    @Test
    void aServiceUrlWithoutALoadBalancerStopsStartupWithTheFix() {
        this.runner.withClassLoader(new FilteredClassLoader("org.springframework.cloud.client.loadbalancer."))
            .withPropertyValues("dtm.server=lb://dtm-coordinator/api/dtmsvr")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new DtmConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("names a service")
                    .contains("no Spring Cloud LoadBalancer");
                assertThat(analysis.getAction()).contains("spring-cloud-starter-loadbalancer");
            });
    }

    @Test
    void aServiceUrlMustNameTheServiceWithoutPortAndEndWithTheApiPath() {
        this.runner.withPropertyValues("dtm.server=lb://dtm-coordinator:8080/api/dtmsvr")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("must name the coordinator's service as its host, without port"));
        this.runner.withPropertyValues("dtm.server=lb://dtm-coordinator/api")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("does not end with the coordinator's API path"));
    }

}
