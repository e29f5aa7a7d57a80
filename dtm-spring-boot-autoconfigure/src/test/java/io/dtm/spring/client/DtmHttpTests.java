package io.dtm.spring.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

import io.dtm.protocol.DtmRetryableException;

/** The client's HTTP transport against a local server. */
class DtmHttpTests {

    private final CountDownLatch released = new CountDownLatch(1);

    private HttpServer server;

    private String base;

    @BeforeEach
    void startServer() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.createContext("/echo", (exchange) -> reply(exchange, 200, "got " + body(exchange)));
        this.server.createContext("/failure", (exchange) -> reply(exchange, 409, "FAILURE"));
        this.server.createContext("/held", (exchange) -> {
            try {
                this.released.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            reply(exchange, 200, "late");
        });
        this.server.start();
        this.base = "http://127.0.0.1:" + this.server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        this.released.countDown();
        this.server.stop(0);
    }

    @Test
    void theStarterSendsThroughThePooledApacheClient() {
        assertThat(DtmHttp.requestFactory(Duration.ofSeconds(1)))
            .isInstanceOf(HttpComponentsClientHttpRequestFactory.class);
    }

    @Test
    void aReplyComesBackWithItsStatusAndBodyWhateverTheStatus() {
        DtmHttp http = new DtmHttp(Duration.ofSeconds(2));
        assertThat(http.postJson(this.base + "/echo", Map.of("gid", "g 1"), "{\"a\":1}", Map.of()))
            .isEqualTo(new DtmHttpResult(200, "got {\"a\":1}"));
        assertThat(http.postJson(this.base + "/failure", null, "{}", Map.of()))
            .isEqualTo(new DtmHttpResult(409, "FAILURE"));
    }

    /**
     * The JDK's client, as Spring drives it, starts a thread for every request on a
     * machine of two cores or fewer.
     */
    @Test
    void callsDoNotStartAThreadEach() {
        DtmHttp http = new DtmHttp(Duration.ofSeconds(2));
        http.postJson(this.base + "/echo", null, "{}", Map.of());
        long startedBefore = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
        for (int i = 0; i < 50; i++) {
            assertThat(http.postJson(this.base + "/echo", null, "{}", Map.of()).status()).isEqualTo(200);
        }
        assertThat(ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - startedBefore).isLessThan(10);
    }

    @Test
    void aReplyLateBeyondTheTimeoutIsRetryable() {
        DtmHttp http = new DtmHttp(Duration.ofMillis(300));
        assertThatThrownBy(() -> http.postJson(this.base + "/held", null, "{}", Map.of()))
            .isInstanceOf(DtmRetryableException.class);
    }

    private static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

}
