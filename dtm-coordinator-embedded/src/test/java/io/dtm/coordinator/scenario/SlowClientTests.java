package io.dtm.coordinator.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Clients that send their body slowly hold no request thread: more of them than Tomcat
 * has threads (200) leave {@code /api/ping} answering, and each is cut off with 408 after
 * the body read timeout.
 */
@TestPropertySource(properties = "dtm.coordinator.limits.body-read-timeout=2s")
class SlowClientTests extends ScenarioTestBase {

    private static final int SLOW_CLIENTS = 250;

    private Socket slowPost() throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/dtmsvr/prepare HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"gid\":")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    @Test
    void slowBodiesDoNotStarveTheApi() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_CLIENTS; i++) {
                sockets.add(slowPost());
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> ping = http
                .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ping"))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ping.statusCode()).isEqualTo(200);
            assertThat(dtm.newGid()).hasSize(22);
        }
        finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatNeverCompletesGets408() throws Exception {
        try (Socket socket = slowPost()) {
            String reply = readAll(socket.getInputStream());
            assertThat(reply).startsWith("HTTP/1.1 408")
                .contains("\"message\":\"the request body did not arrive within 2" + " seconds")
                .doesNotContain("Exception");
        }
    }

    /** The reply up to the connection close the 408 asks for. */
    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

}
