package io.dtm.coordinator.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-transaction options. Stored as the JSON text of the {@code options} column, with dtm's field names;
 * fields left at zero mean "use the coordinator's default".
 */
public class TransOptions {

    private boolean waitResult;
    private long timeoutToFail;
    private long requestTimeout;
    private long retryInterval;
    private Map<String, String> branchHeaders = new LinkedHashMap<>();
    private boolean concurrent;
    private long retryLimit;
    private long retryCount;

    public boolean isWaitResult() {
        return waitResult;
    }

    public void setWaitResult(boolean waitResult) {
        this.waitResult = waitResult;
    }

    public long getTimeoutToFail() {
        return timeoutToFail;
    }

    public void setTimeoutToFail(long timeoutToFail) {
        this.timeoutToFail = timeoutToFail;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public long getRetryInterval() {
        return retryInterval;
    }

    public void setRetryInterval(long retryInterval) {
        this.retryInterval = retryInterval;
    }

    public Map<String, String> getBranchHeaders() {
        return branchHeaders;
    }

    public void setBranchHeaders(Map<String, String> branchHeaders) {
        this.branchHeaders = branchHeaders == null ? new LinkedHashMap<>() : branchHeaders;
    }

    public boolean isConcurrent() {
        return concurrent;
    }

    public void setConcurrent(boolean concurrent) {
        this.concurrent = concurrent;
    }

    public long getRetryLimit() {
        return retryLimit;
    }

    public void setRetryLimit(long retryLimit) {
        this.retryLimit = retryLimit;
    }

    public long getRetryCount() {
        return retryCount;
    }

    public void setRetryCount(long retryCount) {
        this.retryCount = retryCount;
    }
}
