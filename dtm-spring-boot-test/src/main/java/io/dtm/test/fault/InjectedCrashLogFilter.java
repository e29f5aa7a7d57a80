package io.dtm.test.fault;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps the coordinator's ERROR lines about a {@link CoordinatorCrash} out of the log:
 * the crash is the test's doing, and the kit logs it at INFO, in one line, where it
 * injects it. Any other error is logged as usual.
 */
final class InjectedCrashLogFilter extends TurboFilter {

    private static final String LOGBACK = "ch.qos.logback.classic.LoggerContext";

    private static final boolean LOGBACK_PRESENT = isPresent();

    private InjectedCrashLogFilter() {
    }

    /**
     * Adds the filter to Logback's context unless it is there; a logging system that
     * reinitialised Logback since dropped it.
     */
    static void install() {
        if (!LOGBACK_PRESENT) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            synchronized (context) {
                if (context.getTurboFilterList().stream().noneMatch(InjectedCrashLogFilter.class::isInstance)) {
                    InjectedCrashLogFilter filter = new InjectedCrashLogFilter();
                    filter.start();
                    context.addTurboFilter(filter);
                }
            }
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        if (t instanceof CoordinatorCrash) {
            return FilterReply.DENY;
        }
        if (params != null) {
            for (Object param : params) {
                if (param instanceof CoordinatorCrash
                        || (param instanceof String text && text.contains(CoordinatorCrash.class.getName()))) {
                    return FilterReply.DENY;
                }
            }
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean isPresent() {
        try {
            Class.forName(LOGBACK, false, InjectedCrashLogFilter.class.getClassLoader());
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

}
