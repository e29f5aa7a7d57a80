package io.dtm.coordinator.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code dtm.coordinator.*} setting that cannot work instead of a bean
 * creation stack trace.
 */
class DtmCoordinatorConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<DtmCoordinatorConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DtmCoordinatorConfigurationException cause) {
        return new FailureAnalysis("The dtm coordinator is misconfigured: " + cause.problem(), cause.fix(), cause);
    }

}
