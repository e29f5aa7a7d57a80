package io.dtm.coordinator.api;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers every failure on the coordinator's routes with dtm's {@code {"message"}} shape:
 * errors of its controllers, and those Spring raises before a controller runs (unknown
 * route 404, wrong method 405, content type 415). Other paths are left to the embedding
 * application's own error handling.
 */
public class DtmApiExceptionHandler implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DtmApiExceptionHandler.class);

    @Override
    public int getOrder() {
        // after Boot's DefaultErrorAttributes (which only records the error), before
        // Spring's own resolvers
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public @Nullable ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
            Object handler, Exception ex) {
        if (!isCoordinatorHandler(handler) && !DtmApiPaths.isCoordinatorPath(request)) {
            return null;
        }
        try {
            ReplyWriter.write(response, ApiErrors.reply(ex));
        }
        catch (IOException writeFailed) {
            log.debug("writing an error reply failed", writeFailed);
        }
        return new ModelAndView();
    }

    private static boolean isCoordinatorHandler(Object handler) {
        Object bean = handler instanceof HandlerMethod method ? method.getBean() : handler;
        return bean instanceof DtmServerController || bean instanceof JsonRpcController
                || bean instanceof PingController;
    }

}
