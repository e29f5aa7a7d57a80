package io.dtm.coordinator.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a misconfigured {@code dtm.coordinator.auth} at startup instead of a bean
 * creation stack trace.
 */
public class DtmAuthFailureAnalyzer extends AbstractFailureAnalyzer<DtmAuthConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DtmAuthConfigurationException cause) {
        return new FailureAnalysis("The coordinator's API authentication is misconfigured: " + cause.getMessage(),
                cause.fix(), cause);
    }

}
