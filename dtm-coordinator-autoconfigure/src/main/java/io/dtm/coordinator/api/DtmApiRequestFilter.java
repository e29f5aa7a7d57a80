package io.dtm.coordinator.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards the coordinator's routes before any parsing: refuses bad query strings and
 * bodies above the size cap, and receives request bodies with non-blocking reads, so a
 * client that sends its body slowly holds no request thread (a few hundred of them would
 * otherwise starve {@code /api/ping}) and is cut off after the body read timeout. The
 * body is then dispatched to the controllers already in memory.
 */
public class DtmApiRequestFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(DtmApiRequestFilter.class);

    static final String BODY_ATTRIBUTE = DtmApiRequestFilter.class.getName() + ".body";

    private final ApiLimits limits;

    private final BodyBudget budget;

    public DtmApiRequestFilter(ApiLimits limits) {
        this(limits, new BodyBudget(Long.MAX_VALUE));
    }

    /**
     * @param budget counts the bodies held in memory; a request that does not fit gets
     * 503 before its body is read
     */
    public DtmApiRequestFilter(ApiLimits limits, BodyBudget budget) {
        this.limits = limits;
        this.budget = budget;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            Object body = request.getAttribute(BODY_ATTRIBUTE);
            chain.doFilter(body instanceof byte[] bytes ? new BufferedBodyRequest(request, bytes) : request, response);
            return;
        }
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        String queryProblem = QueryStrings.problem(request.getQueryString());
        if (queryProblem != null) {
            ReplyWriter.write(response, DtmReplies.error(400, queryProblem));
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            ReplyWriter.write(response, DtmReplies.error(415, "content type " + contentType.split(";")[0]
                    + " is not supported: send the body as application/json"));
            return;
        }
        long length = request.getContentLengthLong();
        if (length > limits.maxBodyBytes()) {
            ReplyWriter.write(response, ApiErrors.reply(ApiException.tooLarge(limits.maxBodyBytes())));
            return;
        }
        boolean hasBody = length > 0 || length < 0 && request.getHeader("Transfer-Encoding") != null;
        if (!hasBody || !request.isAsyncSupported()) {
            // without async support (an upstream filter that lacks it) the controllers
            // read the body blocking
            chain.doFilter(request, response);
            return;
        }
        // a body of known length is counted whole before its first byte is read, one of
        // unknown length as it arrives
        long reserved = Math.max(length, 0);
        if (!budget.reserve(reserved)) {
            refuseForBudget(response);
            return;
        }
        boolean handedToReader = false;
        try {
            ServletInputStream in = request.getInputStream();
            // other content types go the asynchronous way, whose dispatch no form
            // parsing filter sees
            ByteArrayOutputStream arrived = isJson(contentType) ? readArrived(in, length) : new ByteArrayOutputStream();
            if (length > 0 && arrived.size() == length) {
                chain.doFilter(new BufferedBodyRequest(request, arrived.toByteArray()), response);
                return;
            }
            AsyncContext async = request.startAsync(request, response);
            async.setTimeout(limits.bodyReadTimeout().toMillis());
            BodyReader reader = new BodyReader(async, in, limits.maxBodyBytes(), arrived, reserved);
            async.addListener(reader);
            handedToReader = true;
            in.setReadListener(reader);
        }
        finally {
            if (!handedToReader) {
                budget.release(reserved);
            }
        }
    }

    private void refuseForBudget(HttpServletResponse response) throws IOException {
        response.setHeader("Connection", "close");
        response.setHeader("Retry-After", "1");
        ReplyWriter.write(response, DtmReplies.error(503, budget.exhaustedMessage()));
    }

    private static boolean isJson(String contentType) {
        return contentType == null || contentType.toLowerCase(Locale.ROOT).contains("json");
    }

    /**
     * The part of a body of known length that has already arrived: read only while the
     * stream reports bytes it can hand over without blocking, so a slow client never
     * holds the thread. A small body usually arrives with its headers and is then
     * processed on this thread, without the asynchronous read and its second dispatch.
     */
    private static ByteArrayOutputStream readArrived(ServletInputStream in, long length) throws IOException {
        ByteArrayOutputStream arrived = new ByteArrayOutputStream();
        if (length <= 0) {
            return arrived;
        }
        byte[] buffer = new byte[(int) Math.min(length, 8192)];
        while (arrived.size() < length && in.available() > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, length - arrived.size()));
            if (n < 0) {
                break;
            }
            arrived.write(buffer, 0, n);
        }
        return arrived;
    }

    /**
     * Collects the body as it arrives; dispatches once it is complete, or answers 413,
     * 408 or 400.
     */
    private final class BodyReader implements ReadListener, AsyncListener {

        private final AsyncContext async;

        private final ServletInputStream in;

        private final long max;

        private final ByteArrayOutputStream body;

        private final byte[] buffer = new byte[8192];

        private final AtomicBoolean finished = new AtomicBoolean();

        /** Bytes counted in the budget for this body; guarded by this reader. */
        private long reserved;

        /** Whether {@link #reserved} was given back; guarded by this reader. */
        private boolean released;

        BodyReader(AsyncContext async, ServletInputStream in, long max, ByteArrayOutputStream arrived, long reserved) {
            this.async = async;
            this.in = in;
            this.max = max;
            this.body = arrived;
            this.reserved = reserved;
        }

        @Override
        public void onDataAvailable() throws IOException {
            while (!finished.get() && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                if (body.size() + (long) n > max) {
                    answer(ApiErrors.reply(ApiException.tooLarge(max)));
                    return;
                }
                if (!reserveUpTo(body.size() + (long) n)) {
                    answer(DtmReplies.error(503, budget.exhaustedMessage()));
                    return;
                }
                body.write(buffer, 0, n);
            }
        }

        @Override
        public void onAllDataRead() {
            if (finished.compareAndSet(false, true)) {
                async.getRequest().setAttribute(BODY_ATTRIBUTE, body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public void onError(Throwable t) {
            log.debug("reading a request body failed", t);
            answer(DtmReplies.error(400, "the request body could not be read: the connection failed"));
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            answer(DtmReplies.error(408, "the request body did not arrive within "
                    + limits.bodyReadTimeout().toSeconds() + " seconds (dtm.coordinator.limits.body-read-timeout)"));
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        /** The request was answered: its body is no longer held. */
        @Override
        public synchronized void onComplete(AsyncEvent event) {
            if (!released) {
                released = true;
                budget.release(reserved);
            }
        }

        /**
         * Counts the body up to {@code size} bytes; false when the budget has no room, or
         * the request already ended (nothing more is counted then, so nothing leaks).
         */
        private synchronized boolean reserveUpTo(long size) {
            long needed = size - reserved;
            if (needed <= 0) {
                return !released;
            }
            if (released || !budget.reserve(needed)) {
                return false;
            }
            reserved += needed;
            return true;
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }

        private void answer(org.springframework.http.ResponseEntity<String> reply) {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            try {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                response.setHeader("Connection", "close");
                ReplyWriter.write(response, reply);
            }
            catch (IOException | IllegalStateException ex) {
                log.debug("answering a request whose body failed", ex);
            }
            finally {
                async.complete();
            }
        }

    }

}
