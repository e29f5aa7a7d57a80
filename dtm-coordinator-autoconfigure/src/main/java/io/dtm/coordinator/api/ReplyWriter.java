package io.dtm.coordinator.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Writes a reply straight to the servlet response, for errors raised outside a
 * controller.
 */
final class ReplyWriter {

    private ReplyWriter() {
    }

    static void write(HttpServletResponse response, ResponseEntity<String> reply) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(reply.getStatusCode().value());
        reply.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] body = reply.getBody() == null ? new byte[0] : reply.getBody().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        }
        catch (IllegalStateException writerInUse) {
            response.getWriter().write(reply.getBody() == null ? "" : reply.getBody());
        }
        response.flushBuffer();
    }

}
