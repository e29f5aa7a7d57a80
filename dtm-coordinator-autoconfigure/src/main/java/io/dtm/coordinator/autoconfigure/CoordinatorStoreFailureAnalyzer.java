package io.dtm.coordinator.autoconfigure;

import java.sql.SQLException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.dtm.coordinator.store.CoordinatorStoreException;

/**
 * Explains why the coordinator's store could not start: its type, driver, URL, connection
 * or tables. An H2 file another process holds open gets its own explanation: it is what
 * two applications with an embedded coordinator on one machine meet when they share a
 * store file.
 */
class CoordinatorStoreFailureAnalyzer extends AbstractFailureAnalyzer<CoordinatorStoreException> {

    /** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
    static final int H2_DATABASE_ALREADY_OPEN = 90020;

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CoordinatorStoreException cause) {
        SQLException locked = h2FileInUse(cause);
        if (locked != null) {
            return new FailureAnalysis("The dtm coordinator's store cannot start: its H2 file is open in another "
                    + "application, and H2 lets one process at a time open a file (" + firstLine(locked.getMessage())
                    + "). Two applications that each serve the coordinator (dtm.coordinator.enabled=true) on the H2 "
                    + "file store (dtm.coordinator.store.jdbc.default-h2=file) share the default file when neither sets spring.application.name, or when both use the file of "
                    + "earlier versions (~/.dtm/coordinator/dtm.mv.db).",
                    "Either let one application serve the coordinator for both: here remove dtm.coordinator.enabled "
                            + "(and dtm-coordinator-embedded) and set dtm.server to the other's coordinator, e.g. "
                            + "dtm.server=http://localhost:8081/api/dtmsvr. Or give this application a store of its "
                            + "own: set dtm.coordinator.store.jdbc.url, e.g. "
                            + "jdbc:h2:file:~/.dtm/coordinator/<application name>, or a spring.application.name of "
                            + "its own (the default file is named after it).",
                    cause);
        }
        return new FailureAnalysis("The dtm coordinator's store cannot start: " + cause.problem(), cause.fix(), cause);
    }

    private static @Nullable SQLException h2FileInUse(Throwable failure) {
        for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
            if (candidate instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return sql;
            }
            if (candidate.getCause() == candidate) {
                break;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return (end < 0) ? message : message.substring(0, end).strip();
    }

}
