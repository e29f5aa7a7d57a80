package io.dtm.coordinator.api;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import io.dtm.coordinator.model.TransJson;

/**
 * Tomcat's error page for requests it refuses before any servlet runs (a malformed URL
 * path: a bad %-escape, an encoded NUL or '/', bytes that are not UTF-8): on the
 * coordinator's paths a dtm {@code {"message"}} reply instead of Tomcat's HTML; on every
 * other path Tomcat's own page, unchanged.
 */
public class DtmErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        String uri = request.getRequestURI();
        if (uri == null || !(uri.contains("/api/dtmsvr") || uri.contains("/api/json-rpc") || uri.contains("/api/ping")
                || uri.contains("/api/admin"))) {
            super.report(request, response, throwable);
            return;
        }
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String message = status == 400 ? "bad request: the URL is malformed (a bad %-escape, an encoded NUL, '/' or"
                + " '\\\\', or bytes that are not UTF-8)" : "the request failed with HTTP status " + status;
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(TransJson.write(java.util.Map.of("message", message)));
                response.finishResponse();
            }
        }
        catch (IOException | IllegalStateException ex) {
            // the client is gone; nothing to report to
        }
    }

}
