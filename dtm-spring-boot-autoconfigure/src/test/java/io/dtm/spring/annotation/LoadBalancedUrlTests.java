package io.dtm.spring.annotation;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import feign.Client;
import io.dtm.spring.feign.BranchUrlResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.cloud.client.loadbalancer.LoadBalancerRequest;
import org.springframework.cloud.client.loadbalancer.LoadBalancerUriTools;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Steps of a Feign client declared by service name only (load-balanced) are recorded as
 * service URLs (lb://name/path) by default; with
 * {@code dtm.annotations.record-instance-urls=true} they are resolved through the
 * {@link LoadBalancerClient} to the URL of an instance, for a coordinator without service
 * discovery.
 */
class LoadBalancedUrlTests {

    private static final AnnotationWorld world = AnnotationWorld.get();

    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() {
        int port = URI.create(world.bankOutUrl).getPort();
        app = new SpringApplicationBuilder(LbApp.class).web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "logging.level.root=WARN",
                    "spring.cloud.compatibility-verifier.enabled=false",
                    "spring.datasource.url=jdbc:h2:mem:annotation-lb;DB_CLOSE_DELAY=-1", "dtm.server=" + world.server,
                    "bank-out.port=" + port, "dtm.annotations.record-instance-urls=true")
            .run();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void sagaStepsOfALoadBalancedClientGetTheInstanceUrl() {
        int out = world.openAccount(world.bankOut, 100);
        AtomicReference<String> gid = new AtomicReference<>();
        app.getBean(LbTransfers.class).withdraw(Transfer.of(out, 15), gid);
        await().atMost(Duration.ofSeconds(20)).until(() -> world.status(gid.get()), "succeed"::equals);
        assertThat(world.query(gid.get()).path("branches").get(0).path("url").asString())
            .isEqualTo(world.bankOutUrl + "/bank/withdrawRevert");
        assertThat(world.query(gid.get()).path("branches").get(1).path("url").asString())
            .isEqualTo(world.bankOutUrl + "/bank/withdraw");
        assertThat(world.balance(world.bankOut, out)).isEqualTo(85);
    }

    @Test
    void absoluteAndLbUrlsAreResolved() {
        BranchUrlResolver resolver = app.getBean(BranchUrlResolver.class);
        assertThat(resolver.resolve("http://other:9/x", "http://annotation-bank-lb/bank", "annotation-bank-lb"))
            .isEqualTo("http://other:9/x");
        assertThat(resolver.resolve("lb://annotation-bank-lb/bank/x", "http://ignored", null))
            .isEqualTo(world.bankOutUrl + "/bank/x");
        assertThat(resolver.resolve("confirm", "http://localhost:1/bank/", null))
            .isEqualTo("http://localhost:1/bank/confirm");
        assertThatIllegalStateException()
            .isThrownBy(() -> resolver.resolve("lb://unknown-service/x", "http://ignored", null))
            .withMessageContaining("No instance of service 'unknown-service'");
    }

    @Test
    void byDefaultTheServiceNameIsRecordedForTheCoordinatorToResolveAtEachCall() {
        BranchUrlResolver names = new BranchUrlResolver();
        assertThat(names.resolve("lb://annotation-bank-lb/bank/x?a=1", "http://ignored", null))
            .isEqualTo("lb://annotation-bank-lb/bank/x?a=1");
        assertThat(names.resolve("/withdraw", "http://annotation-bank-lb/bank", "annotation-bank-lb"))
            .isEqualTo("lb://annotation-bank-lb/bank/withdraw");
        assertThat(names.resolve("http://other:9/x", "http://annotation-bank-lb/bank", "annotation-bank-lb"))
            .isEqualTo("http://other:9/x");
        assertThat(names.resolve("confirm", "http://localhost:1/bank/", null))
            .isEqualTo("http://localhost:1/bank/confirm");
    }

    @FeignClient(name = "annotation-bank-lb", path = "/bank")
    interface LbBankClient extends BankApi {

    }

    static class LbTransfers {

        private final LbBankClient bank;

        LbTransfers(LbBankClient bank) {
            this.bank = bank;
        }

        @GlobalSaga
        public void withdraw(Transfer transfer, AtomicReference<String> gid) {
            gid.set(GlobalTransaction.currentGid());
            this.bank.withdraw(transfer);
        }

    }

    /** A load balancer that knows one instance of annotation-bank-lb: bank-out. */
    static class OneInstanceLoadBalancer implements LoadBalancerClient {

        private final int port;

        OneInstanceLoadBalancer(int port) {
            this.port = port;
        }

        @Override
        public ServiceInstance choose(String serviceId) {
            return "annotation-bank-lb".equals(serviceId)
                    ? new DefaultServiceInstance("bank-1", serviceId, "localhost", this.port, false) : null;
        }

        @Override
        public <T> ServiceInstance choose(String serviceId, Request<T> request) {
            return choose(serviceId);
        }

        @Override
        public <T> T execute(String serviceId, LoadBalancerRequest<T> request) throws IOException {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T execute(String serviceId, ServiceInstance serviceInstance, LoadBalancerRequest<T> request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public URI reconstructURI(ServiceInstance instance, URI original) {
            return LoadBalancerUriTools.reconstructURI(instance, original);
        }

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableFeignClients(clients = LbBankClient.class)
    static class LbApp {

        @Bean
        LoadBalancerClient loadBalancerClient(org.springframework.core.env.Environment environment) {
            return new OneInstanceLoadBalancer(environment.getRequiredProperty("bank-out.port", Integer.class));
        }

        /**
         * Stands in for the load-balancing Feign client of spring-cloud-loadbalancer;
         * steps are never sent.
         */
        @Bean
        Client feignClient() {
            return new Client.Default(null, null);
        }

        @Bean
        LbTransfers lbTransfers(LbBankClient bank) {
            return new LbTransfers(bank);
        }

    }

}
