package io.dtm.coordinator.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import tools.jackson.core.JacksonException;

import io.dtm.coordinator.engine.DtmException;
import io.dtm.coordinator.engine.InvalidRequestException;
import io.dtm.coordinator.engine.TopicService.TopicNotFoundException;
import io.dtm.coordinator.engine.TransNotFoundException;
import io.dtm.coordinator.store.StatusConflictException;

/**
 * Maps errors of the coordinator's own endpoints to dtm's replies; never a stack trace in a body. Scoped to the
 * coordinator's controllers so an application embedding it keeps its own error handling.
 */
@RestControllerAdvice(assignableTypes = { DtmServerController.class, PingController.class })
public class DtmApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(DtmApiExceptionHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    public ResponseEntity<String> invalid(InvalidRequestException ex) {
        return DtmReplies.error(400, ex.getMessage());
    }

    @ExceptionHandler(JacksonException.class)
    public ResponseEntity<String> json(JacksonException ex) {
        return DtmReplies.error(400, RequestBodies.invalidJson(ex).getMessage());
    }

    @ExceptionHandler({ TransNotFoundException.class, TopicNotFoundException.class })
    public ResponseEntity<String> notFound(RuntimeException ex) {
        return DtmReplies.error(404, ex.getMessage());
    }

    @ExceptionHandler(StatusConflictException.class)
    public ResponseEntity<String> conflict(StatusConflictException ex) {
        return DtmReplies.failure(ex.getMessage());
    }

    @ExceptionHandler(DtmException.class)
    public ResponseEntity<String> dtm(DtmException ex) {
        return switch (ex.result()) {
            case FAILURE -> DtmReplies.failure(ex.getMessage());
            case ONGOING -> DtmReplies.ongoing(ex.getMessage());
            default -> DtmReplies.error(500, ex.getMessage());
        };
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<String> method(HttpRequestMethodNotSupportedException ex) {
        return DtmReplies.error(405, ex.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<String> mediaType(HttpMediaTypeNotSupportedException ex) {
        return DtmReplies.error(415, ex.getMessage() + ": send application/json");
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> other(Exception ex) {
        log.error("coordinator request failed", ex);
        return DtmReplies.error(500, ex.getClass().getSimpleName() + ": " + ex.getMessage());
    }
}
