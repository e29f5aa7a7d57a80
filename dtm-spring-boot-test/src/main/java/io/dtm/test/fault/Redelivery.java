package io.dtm.test.fault;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.dtm.protocol.DtmReply;
import io.dtm.protocol.ReplyOutcome;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Sends a request that reached this server once more, to the same server: same method,
 * path and query, headers and body, marked so that the {@link InitiatorCallFaultFilter}
 * lets it through.
 */
final class Redelivery {

    static final String HEADER = "Dtm-Test-Redelivery";

    /** Headers the HTTP client sets itself. */
    private static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "te", "trailer", "http2-settings");

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    Reply send(Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
            .timeout(TIMEOUT)
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()))
            .header(HEADER, "true");
        for (String[] header : request.headers()) {
            builder.header(header[0], header[1]);
        }
        try {
            HttpResponse<String> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), new DtmReply(response.statusCode(), response.body()).outcome());
        }
        catch (IOException ex) {
            throw new IllegalStateException("the test could not deliver " + request.uri() + " again: " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering " + request.uri() + " again", ex);
        }
    }

    /** A request as it reached this server. */
    record Request(String method, URI uri, List<String[]> headers, byte[] body) {

        static Request of(HttpServletRequest request, byte[] body) {
            String query = request.getQueryString();
            URI uri = URI.create(request.getScheme() + "://localhost:" + request.getLocalPort()
                    + request.getRequestURI() + ((query != null) ? "?" + query : ""));
            List<String[]> headers = new ArrayList<>();
            for (String name : Collections.list(request.getHeaderNames())) {
                if (!OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    for (String value : Collections.list(request.getHeaders(name))) {
                        headers.add(new String[] { name, value });
                    }
                }
            }
            return new Request(request.getMethod(), uri, headers, body);
        }

    }

    /** The status of the reply, and how dtm reads it. */
    record Reply(int status, ReplyOutcome outcome) {
    }

}
