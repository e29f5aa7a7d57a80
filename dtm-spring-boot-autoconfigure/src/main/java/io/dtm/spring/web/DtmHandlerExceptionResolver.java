package io.dtm.spring.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers any exception left unhandled by a branch call of the coordinator
 * ({@link BranchCalls}) with 500 {@code {"message":...}}, as dtm's own handlers do, so
 * the coordinator retries it. Other requests, even with a {@code gid} parameter, and
 * exceptions an {@code @ExceptionHandler} or Spring MVC already handled, are left to the
 * application's own error handling.
 */
public class DtmHandlerExceptionResolver implements HandlerExceptionResolver, Ordered {

    private final JsonMapper jsonMapper = JsonMapper.builder().build();

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (response.isCommitted() || !BranchCalls.isBranchCall(request)) {
            return null;
        }
        try {
            response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            String message = String.valueOf(ex.getMessage());
            response.getWriter().write(this.jsonMapper.writeValueAsString(Map.of("message", message)));
            response.flushBuffer();
        }
        catch (IOException writeError) {
            return null;
        }
        return new ModelAndView();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

}
