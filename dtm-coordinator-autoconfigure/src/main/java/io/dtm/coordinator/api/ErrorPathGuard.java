package io.dtm.coordinator.api;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers a request sent straight to the servlet container's error path
 * ({@code server.error.path}, {@code /error}) as an unknown route: that path exists to
 * render errors the container forwards to it, and called directly it answers 500 with a
 * made-up status 999. Registered for the REQUEST dispatch only, so the container's own
 * error forwards still reach it.
 */
public class ErrorPathGuard implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ReplyWriter.write((HttpServletResponse) response, DtmReplies.error(404, ApiErrors.NO_SUCH_ROUTE));
    }

}
