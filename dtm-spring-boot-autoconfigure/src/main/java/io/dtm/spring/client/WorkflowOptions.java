package io.dtm.spring.client;

import java.time.Duration;

import io.dtm.protocol.TransRequest;

/**
 * Options of a registered workflow. The coordinator resumes a workflow whose client
 * stopped once it is older than {@link #timeoutToFail}, then about every
 * {@link #retryInterval}.
 */
public class WorkflowOptions {

    private Duration timeoutToFail;

    private Duration retryInterval;

    private Duration requestTimeout;

    public WorkflowOptions timeoutToFail(Duration timeoutToFail) {
        this.timeoutToFail = timeoutToFail;
        return this;
    }

    public WorkflowOptions retryInterval(Duration retryInterval) {
        this.retryInterval = retryInterval;
        return this;
    }

    public WorkflowOptions requestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        return this;
    }

    void applyTo(TransRequest request) {
        if (this.timeoutToFail != null) {
            request.setTimeoutToFail(TransDefaults.seconds(this.timeoutToFail));
        }
        if (this.retryInterval != null) {
            request.setRetryInterval(TransDefaults.seconds(this.retryInterval));
        }
        if (this.requestTimeout != null) {
            request.setRequestTimeout(TransDefaults.seconds(this.requestTimeout));
        }
    }

}
