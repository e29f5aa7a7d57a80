package io.dtm.spring.feign;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import feign.Client;
import feign.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.converter.autoconfigure.ClientHttpMessageConvertersCustomizer;
import org.springframework.cloud.openfeign.EnableFeignClients;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first calls of a Feign client, made by many threads at once, all succeed. Spring
 * Cloud OpenFeign 5.0.1 and 5.0.2 built a client's message converters on their first use
 * without synchronization and published the list before filling it
 * (spring-cloud-openfeign#1371, fixed in the release Spring Cloud 2025.1.4 brings), so a
 * thread arriving meanwhile found no converter: "no suitable HttpMessageConverter". Each
 * repetition starts a fresh application, whose Feign client contexts are new.
 */
class ConcurrentFirstFeignCallsTests {

    private static final int THREADS = 12;

    private static final String WORKER = "first-feign-call-";

    @RepeatedTest(3)
    void manyThreadsCallingAFreshFeignClientAtOnceAllSucceed() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FeignApp.class)
            .web(WebApplicationType.NONE)
            .properties("spring.main.banner-mode=off", "logging.level.root=WARN",
                    "spring.cloud.compatibility-verifier.enabled=false")
            .run()) {
            FeignApp app = context.getBean(FeignApp.class);
            List<String> failures = callAllAtOnce(context.getBean(Accounts.class), app);
            assertThat(failures).isEmpty();
            assertThat(app.sent).hasValue(THREADS);
        }
    }

    private static List<String> callAllAtOnce(Accounts accounts, FeignApp app) throws Exception {
        CountDownLatch callsDone = app.callsDone;
        CyclicBarrier start = new CyclicBarrier(THREADS);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, (task) -> {
            Thread worker = new Thread(task, WORKER + threads.incrementAndGet());
            app.workers.add(worker);
            return worker;
        });
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int account = i;
                calls.add(executor.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    try {
                        Map<String, Object> reply = accounts.open(Map.of("id", account));
                        return "ok".equals(reply.get("status")) ? null : "unexpected reply " + reply;
                    }
                    catch (RuntimeException ex) {
                        return ex.toString();
                    }
                    finally {
                        callsDone.countDown();
                    }
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<String> call : calls) {
                String failure = call.get(30, TimeUnit.SECONDS);
                if (failure != null) {
                    failures.add(failure);
                }
            }
            return failures;
        }
        finally {
            executor.shutdownNow();
        }
    }

    @FeignClient(name = "first-calls-accounts", url = "http://accounts.invalid")
    interface Accounts {

        @PostMapping("/accounts")
        Map<String, Object> open(@RequestBody Map<String, Object> account);

    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableFeignClients(clients = Accounts.class)
    static class FeignApp {

        final CountDownLatch callsDone = new CountDownLatch(1);

        final AtomicInteger sent = new AtomicInteger();

        final Set<Thread> workers = ConcurrentHashMap.newKeySet();

        /** Answers every call here: what matters happens before anything is sent. */
        @Bean
        Client accountsNetwork() {
            return (request, options) -> {
                this.sent.incrementAndGet();
                return Response.builder()
                    .status(200)
                    .request(request)
                    .headers(Map.of(HttpHeaders.CONTENT_TYPE, List.of(MediaType.APPLICATION_JSON_VALUE)))
                    .body("{\"status\":\"ok\"}", StandardCharsets.UTF_8)
                    .build();
            };
        }

        /**
         * Makes the race deterministic: when a client's converters are built by one of
         * the calling threads, that thread is held, as a slow build would be, until
         * another call has finished (the list was used before it was complete) or every
         * other caller waits for the build (it is guarded).
         */
        @Bean
        ClientHttpMessageConvertersCustomizer slowFirstConverterBuild() {
            return (HttpMessageConverters.ClientBuilder builder) -> {
                Thread building = Thread.currentThread();
                if (building.getName().startsWith(WORKER)) {
                    Awaitility.await()
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> this.callsDone.getCount() == 0 || othersWaitFor(building));
                }
            };
        }

        private boolean othersWaitFor(Thread building) {
            return this.workers.size() == THREADS && this.workers.stream()
                .filter((worker) -> worker != building)
                .allMatch((worker) -> worker.getState() == Thread.State.BLOCKED);
        }

    }

}
