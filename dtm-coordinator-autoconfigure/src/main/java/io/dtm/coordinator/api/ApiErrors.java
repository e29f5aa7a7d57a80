package io.dtm.coordinator.api;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

import io.dtm.coordinator.engine.TopicService.TopicNotFoundException;
import io.dtm.coordinator.engine.support.InvalidRequestException;
import io.dtm.coordinator.engine.support.TransNotFoundException;
import io.dtm.coordinator.auth.ApiGrant.GidScopeException;
import io.dtm.coordinator.store.StatusConflictException;
import io.dtm.protocol.DtmException;
import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.StrictJson;
import io.dtm.protocol.WireFormatException;

/**
 * The one mapping from a failure to dtm's reply: status and a message that names the
 * problem. No reply carries a Java class name, SQL or a stack trace: an unexpected
 * failure is logged with a reference and answered with it.
 */
public final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    /**
     * {@code java.net.ConnectException: } and the like, as branch-call errors embed them.
     */
    private static final Pattern QUALIFIED_THROWABLE = Pattern
        .compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error|Throwable)\\b:?\\s*");

    static final String NO_SUCH_ROUTE = "no such route: the coordinator serves /api/dtmsvr/..., /api/json-rpc,"
            + " /api/ping and /api/admin/...";

    private static final Pattern STACK_LINE = Pattern.compile("\\s+at [\\w.$]+\\([^)]*\\)");

    private ApiErrors() {
    }

    /**
     * A failure as it must look to API clients: status and {@code {"message"}} (or dtm's
     * FAILURE/ONGOING).
     */
    static ResponseEntity<String> reply(Throwable ex) {
        if (ex instanceof DtmFailureException) {
            return DtmReplies.failure(safe(ex.getMessage()));
        }
        if (ex instanceof DtmOngoingException) {
            return DtmReplies.ongoing(safe(ex.getMessage()));
        }
        if (ex instanceof DtmException) {
            return DtmReplies.error(500, safe(ex.getMessage()));
        }
        if (ex instanceof StatusConflictException) {
            return DtmReplies.failure(safe(ex.getMessage()));
        }
        if (ex instanceof HttpRequestMethodNotSupportedException m) {
            Set<HttpMethod> allowed = m.getSupportedHttpMethods();
            ResponseEntity<String> reply = DtmReplies
                .error(405, "method " + m.getMethod() + " is not allowed here" + (allowed == null || allowed.isEmpty()
                        ? ""
                        : ": use " + String.join(" or ", allowed.stream().map(HttpMethod::name).sorted().toList())));
            if (allowed == null || allowed.isEmpty()) {
                return reply;
            }
            HttpHeaders headers = new HttpHeaders();
            headers.putAll(reply.getHeaders());
            headers.setAllow(allowed);
            return new ResponseEntity<>(reply.getBody(), headers, reply.getStatusCode());
        }
        return DtmReplies.error(status(ex), message(ex));
    }

    /** The HTTP status of a failure that is not one of dtm's results. */
    static int status(Throwable ex) {
        if (ex instanceof ApiException api) {
            return api.status();
        }
        if (ex instanceof GidScopeException) {
            return 403;
        }
        if (ex instanceof InvalidRequestException || ex instanceof WireFormatException
                || ex instanceof JacksonException) {
            return 400;
        }
        if (ex instanceof TransNotFoundException || ex instanceof TopicNotFoundException
                || ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return 404;
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return 405;
        }
        if (ex instanceof HttpMediaTypeException || ex instanceof MultipartException) {
            return 415;
        }
        return 500;
    }

    /** The message of a failure, safe to send. */
    static String message(Throwable ex) {
        if (ex instanceof ApiException || ex instanceof InvalidRequestException || ex instanceof WireFormatException
                || ex instanceof DtmException || ex instanceof TransNotFoundException
                || ex instanceof TopicNotFoundException || ex instanceof StatusConflictException
                || ex instanceof GidScopeException) {
            return safe(ex.getMessage());
        }
        if (ex instanceof JacksonException json) {
            return StrictJson.malformed(json);
        }
        if (ex instanceof NoResourceFoundException || ex instanceof NoHandlerFoundException) {
            return NO_SUCH_ROUTE;
        }
        if (ex instanceof HttpRequestMethodNotSupportedException m) {
            return "method " + m.getMethod() + " is not allowed here";
        }
        if (ex instanceof HttpMediaTypeException || ex instanceof MultipartException) {
            return "unsupported content type: send the body as application/json";
        }
        String ref = UUID.randomUUID().toString().substring(0, 8);
        log.error("coordinator request failed (ref {})", ref, ex);
        return "internal error (ref " + ref + "): the request could not be completed; the coordinator's log has "
                + "the details";
    }

    /**
     * Strips Java exception names and stack lines that engine messages may carry (e.g. a
     * branch call error).
     */
    public static String safe(String message) {
        if (message == null) {
            return "";
        }
        String text = STACK_LINE.matcher(message).replaceAll("");
        return QUALIFIED_THROWABLE.matcher(text).replaceAll("");
    }

}
