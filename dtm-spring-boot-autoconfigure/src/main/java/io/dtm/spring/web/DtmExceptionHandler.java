package io.dtm.spring.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dtm.protocol.DtmFailureException;
import io.dtm.protocol.DtmOngoingException;
import io.dtm.protocol.DtmResult;
import io.dtm.spring.security.DtmUnauthorizedException;
import io.dtm.spring.support.LogText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers participants' exceptions the way dtm reads them, for branch calls of the
 * coordinator ({@link BranchCalls}): {@link DtmFailureException} gives 409
 * {@code {"dtm_result":"FAILURE","message":...}}, {@link DtmOngoingException} 425
 * {@code {"dtm_result":"ONGOING","message":...}}. It runs before the application's
 * {@code @ExceptionHandler}s, so that a participant always answers in dtm's terms; the
 * same exceptions thrown by any other request are left to the application's own handling.
 * {@link DtmUnauthorizedException} (an unsigned call to an endpoint that needs the
 * coordinator's signature) gives 401 on any request. Replace it by declaring a bean of
 * this type. Other exceptions of branch calls are answered by
 * {@link DtmHandlerExceptionResolver}.
 */
public class DtmExceptionHandler implements HandlerExceptionResolver, Ordered {

    private static final Log log = LogFactory.getLog(DtmExceptionHandler.class);

    private final JsonMapper jsonMapper = JsonMapper.builder().build();

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        ResponseEntity<Map<String, String>> reply = reply(request, ex);
        if (reply == null || response.isCommitted()) {
            return null;
        }
        try {
            response.setStatus(reply.getStatusCode().value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(this.jsonMapper.writeValueAsString(reply.getBody()));
            response.flushBuffer();
        }
        catch (IOException writeError) {
            return null;
        }
        return new ModelAndView();
    }

    private ResponseEntity<Map<String, String>> reply(HttpServletRequest request, Exception ex) {
        if (ex instanceof DtmUnauthorizedException unauthorized) {
            return unauthorized(unauthorized);
        }
        if (!BranchCalls.isBranchCall(request)) {
            return null;
        }
        if (ex instanceof DtmFailureException failure) {
            return failure(failure);
        }
        if (ex instanceof DtmOngoingException ongoing) {
            return ongoing(ongoing);
        }
        return null;
    }

    public ResponseEntity<Map<String, String>> failure(DtmFailureException ex) {
        return reply(HttpStatus.CONFLICT, DtmResult.FAILURE.wireName(), ex.getMessage());
    }

    public ResponseEntity<Map<String, String>> ongoing(DtmOngoingException ex) {
        return reply(HttpStatus.TOO_EARLY, DtmResult.ONGOING.wireName(), ex.getMessage());
    }

    /**
     * An unsigned or badly signed call to an endpoint that needs the coordinator's
     * signature.
     */
    public ResponseEntity<Map<String, String>> unauthorized(DtmUnauthorizedException ex) {
        log.warn(LogText.prefix(ex.getMessage(), 300));
        return reply(HttpStatus.UNAUTHORIZED, null, ex.getMessage());
    }

    protected ResponseEntity<Map<String, String>> reply(HttpStatus status, String result, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        if (result != null) {
            body.put("dtm_result", result);
        }
        body.put("message", (message != null) ? message : "");
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    /**
     * After Spring Boot's error attributes, before Spring MVC's own resolvers and
     * the @ExceptionHandlers.
     */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

}
