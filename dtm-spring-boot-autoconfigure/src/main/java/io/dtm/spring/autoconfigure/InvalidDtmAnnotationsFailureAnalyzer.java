package io.dtm.spring.autoconfigure;

import io.dtm.spring.annotation.InvalidDtmAnnotationsException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Lists the dtm annotations that cannot work, each with what to change, instead of a
 * stack trace.
 */
class InvalidDtmAnnotationsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidDtmAnnotationsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidDtmAnnotationsException cause) {
        return new FailureAnalysis(cause.getMessage(), "Change each annotation listed above as its line says.", cause);
    }

}
