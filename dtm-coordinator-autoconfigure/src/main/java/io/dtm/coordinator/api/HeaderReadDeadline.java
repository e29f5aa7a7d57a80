package io.dtm.coordinator.api;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.Constants;
import org.apache.coyote.Processor;
import org.apache.coyote.ProtocolHandler;
import org.apache.coyote.Request;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.SmartLifecycle;

/**
 * Closes connections whose request line and headers are not complete within a deadline
 * from their first byte. Tomcat's {@code connectionTimeout} bounds each read only, so a
 * client that sends one header byte every few seconds keeps a connection (and, on a
 * blocking connector, a thread) for as long as it likes; Tomcat has no setting for the
 * whole header. A watchdog looks at the connections of the coordinator's Tomcat
 * connectors a few times per deadline and closes those still parsing a request that began
 * earlier than the deadline allows.
 */
public class HeaderReadDeadline implements TomcatConnectorCustomizer, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeaderReadDeadline.class);

    private final Duration deadline;

    private final List<AbstractEndpoint<?, ?>> endpoints = new CopyOnWriteArrayList<>();

    private volatile @Nullable ScheduledExecutorService watchdog;

    public HeaderReadDeadline(Duration deadline) {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException(
                    "dtm.coordinator.limits.header-read-timeout must be positive, got " + deadline);
        }
        this.deadline = deadline;
    }

    @Override
    public void customize(Connector connector) {
        AbstractEndpoint<?, ?> endpoint = endpointOf(connector.getProtocolHandler());
        if (endpoint != null) {
            this.endpoints.add(endpoint);
        }
    }

    /**
     * The protocol's endpoint, which Tomcat keeps protected: it alone lists the open
     * connections.
     */
    private static @Nullable AbstractEndpoint<?, ?> endpointOf(ProtocolHandler handler) {
        if (!(handler instanceof AbstractProtocol<?>)) {
            return null;
        }
        try {
            Method getEndpoint = AbstractProtocol.class.getDeclaredMethod("getEndpoint");
            getEndpoint.setAccessible(true);
            return (AbstractEndpoint<?, ?>) getEndpoint.invoke(handler);
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            log.warn(
                    "Slow request headers are bounded by server.tomcat.connection-timeout per read only: the"
                            + " connections of {} cannot be inspected ({})",
                    handler.getClass().getSimpleName(), ex.toString());
            return null;
        }
    }

    /** Closes the connections whose headers are overdue; returns how many. */
    int closeOverdue(long nowNanos) {
        int closed = 0;
        for (AbstractEndpoint<?, ?> endpoint : this.endpoints) {
            for (SocketWrapperBase<?> connection : endpoint.getConnections()) {
                if (isOverdue(connection, nowNanos)) {
                    log.debug("Closing a connection from {} whose request headers took longer than {}",
                            connection.getRemoteAddr(), this.deadline);
                    connection.close();
                    closed++;
                }
            }
        }
        return closed;
    }

    private boolean isOverdue(SocketWrapperBase<?> connection, long nowNanos) {
        if (connection.isClosed() || !(connection.getCurrentProcessor() instanceof Processor processor)) {
            return false;
        }
        Request request = processor.getRequest();
        if (request == null || isPastHeaders(request.getRequestProcessor().getStage())) {
            return false;
        }
        // set when the request's first byte arrives, cleared when the processor is
        // recycled
        long started = request.getStartTimeNanos();
        return started > 0 && nowNanos - started > this.deadline.toNanos();
    }

    /**
     * Whether the request has been handed on after its headers: from then on the body
     * read timeout and the application bound it. A processor still reading headers keeps
     * the stage of its previous request (ended) until they are complete.
     */
    private static boolean isPastHeaders(int stage) {
        return stage == Constants.STAGE_PREPARE || stage == Constants.STAGE_SERVICE || stage == Constants.STAGE_ENDINPUT
                || stage == Constants.STAGE_ENDOUTPUT;
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
            Thread thread = new Thread(runnable, "dtm-header-deadline");
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(50, Math.min(1000, this.deadline.toMillis() / 4));
        executor.scheduleWithFixedDelay(() -> {
            try {
                closeOverdue(System.nanoTime());
            }
            catch (RuntimeException ex) {
                log.debug("Checking the request headers' deadline failed", ex);
            }
        }, period, period, TimeUnit.MILLISECONDS);
        this.watchdog = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = this.watchdog;
        this.watchdog = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return this.watchdog != null;
    }

}
