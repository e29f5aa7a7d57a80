package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The web settings an operator changes: the host names the API answers to, and the
 * deadline for a request's headers, short here so a dripping client is seen cut off.
 */
@SpringBootTest(classes = CoordinatorTestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "dtm.coordinator.enabled=true", "dtm.coordinator.cron-enabled=false",
                "dtm.coordinator.alert-webhook=", "dtm.coordinator.web.allowed-hosts=dtm.internal,10.0.0.7",
                "dtm.coordinator.limits.header-read-timeout=1s", "server.tomcat.connection-timeout=20s" })
class WebDefaultsConfiguredTests {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        TestStores.register(registry, "webconf");
    }

    private int status(String host) {
        return new RawHttp(port)
            .exchange("GET /api/dtmsvr/newGid HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
            .status();
    }

    @Test
    void configuredHostNamesAreServedBesideLoopback() {
        assertThat(status("dtm.internal:" + port)).isEqualTo(200);
        assertThat(status("DTM.INTERNAL")).isEqualTo(200);
        assertThat(status("10.0.0.7:" + port)).isEqualTo(200);
        assertThat(status("localhost:" + port)).isEqualTo(200);
        assertThat(status("dtm.internal.evil.example")).isEqualTo(403);
        assertThat(status("evil.example")).isEqualTo(403);
    }

    /**
     * Each header line arrives well within the per-read timeout (20 s here), so only a
     * deadline for the whole header cuts the client off.
     */
    @Test
    void aClientThatDripsItsHeadersIsCutOffAtTheDeadline() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET /api/ping HTTP/1.1\r\nHost: localhost:" + port + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            long start = System.nanoTime();
            boolean closed = false;
            int lines = 0;
            while (!closed && System.nanoTime() - start < 8_000_000_000L) {
                try {
                    out.write(("X-Drip-" + lines++ + ": x\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                catch (IOException reset) {
                    closed = true;
                    break;
                }
                try {
                    int read = in.read();
                    assertThat(read).as("the server must not answer a request whose headers never ended").isEqualTo(-1);
                    closed = true;
                }
                catch (SocketTimeoutException stillOpen) {
                    Thread.sleep(200);
                }
                catch (IOException reset) {
                    closed = true;
                }
            }
            long tookMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(closed).as("connection closed").isTrue();
            assertThat(tookMillis).isBetween(900L, 4000L);
        }
        // a prompt client on a new connection is unaffected
        assertThat(status("localhost:" + port)).isEqualTo(200);
    }

}
