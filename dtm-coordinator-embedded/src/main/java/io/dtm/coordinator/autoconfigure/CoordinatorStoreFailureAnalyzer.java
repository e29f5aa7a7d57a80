package io.dtm.coordinator.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.dtm.coordinator.store.CoordinatorStoreException;

/**
 * Explains why the coordinator's store could not start: its type, driver, URL, connection
 * or tables.
 */
class CoordinatorStoreFailureAnalyzer extends AbstractFailureAnalyzer<CoordinatorStoreException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CoordinatorStoreException cause) {
        return new FailureAnalysis("The dtm coordinator's store cannot start: " + cause.problem(), cause.fix(), cause);
    }

}
