package io.dtm.coordinator.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import io.dtm.coordinator.model.TransJson;

/**
 * Tomcat's error page for requests it refuses before any servlet runs: on the
 * coordinator's paths (a malformed URL path: a bad %-escape, an encoded NUL or '/', bytes
 * that are not UTF-8), and for requests Tomcat could not even map to an application (a
 * request line with control characters, a request target or headers longer than the
 * server accepts), a dtm {@code {"message"}} reply instead of Tomcat's HTML, which names
 * Tomcat and its version. On every other path of an embedding application Tomcat's own
 * page, unchanged.
 */
public class DtmErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        boolean refusedBeforeMapping = uri == null || uri.isEmpty() || request.getContext() == null;
        if (!refusedBeforeMapping && !(uri.contains("/api/dtmsvr") || uri.contains("/api/json-rpc")
                || uri.contains("/api/ping") || uri.contains("/api/admin"))) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(TransJson.write(Map.of("message", message(status, refusedBeforeMapping))));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the client is gone; nothing to report to
        }
    }

    static String message(int status, boolean refusedBeforeMapping) {
        return switch (status) {
            case 400 -> refusedBeforeMapping
                    ? "bad request: the request line or a header is malformed (control characters, an invalid"
                            + " request target or method) or longer than the server accepts"
                            + " (server.max-http-request-header-size)"
                    : "bad request: the URL is malformed (a bad %-escape, an encoded NUL, '/' or '\\\\', or bytes"
                            + " that are not UTF-8)";
            case 414 -> "the request target is longer than the server accepts (server.max-http-request-header-size)";
            case 431 -> "the request headers are larger than the server accepts (server.max-http-request-header-size)";
            case 404 -> ApiErrors.NO_SUCH_ROUTE;
            default -> "the request failed with HTTP status " + status;
        };
    }

}
