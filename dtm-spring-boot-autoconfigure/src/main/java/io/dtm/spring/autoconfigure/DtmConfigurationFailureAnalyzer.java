package io.dtm.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code dtm.*} setting that cannot work instead of a bean creation stack
 * trace.
 */
class DtmConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<DtmConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DtmConfigurationException cause) {
        return new FailureAnalysis("The dtm client is misconfigured: " + cause.problem(), cause.fix(), cause);
    }

}
