package io.dtm.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The trans body of prepare, submit, abort and prepareWorkflow: dtm's TransBase with its
 * TransOptions. An option left {@code null} is not sent, and the coordinator applies its
 * default; {@code protocol} and {@code concurrent} are always sent. The coordinator reads
 * this body field by field with dtm's Go types; this class is what both sides hold.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
        isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
public class TransRequest {

    @JsonProperty("gid")
    private String gid;

    @JsonProperty("trans_type")
    private @Nullable TransType transType;

    @JsonProperty("steps")
    private @Nullable List<Map<String, String>> steps;

    @JsonProperty("payloads")
    private @Nullable List<String> payloads;

    @JsonProperty("query_prepared")
    private @Nullable String queryPrepared;

    @JsonProperty("protocol")
    private String protocol = TransProtocol.HTTP.wireName();

    @JsonProperty("custom_data")
    private @Nullable String customData;

    @JsonProperty("rollback_reason")
    private @Nullable String rollbackReason;

    @JsonProperty("wait_result")
    private @Nullable Boolean waitResult;

    @JsonProperty("timeout_to_fail")
    private @Nullable Long timeoutToFail;

    @JsonProperty("request_timeout")
    private @Nullable Long requestTimeout;

    @JsonProperty("retry_interval")
    private @Nullable Long retryInterval;

    @JsonProperty("retry_limit")
    private @Nullable Long retryLimit;

    @JsonProperty("retry_count")
    private @Nullable Long retryCount;

    @JsonProperty("branch_headers")
    private @Nullable Map<String, String> branchHeaders;

    @JsonProperty("concurrent")
    private boolean concurrent;

    @JsonProperty("req_extra")
    private @Nullable Map<String, String> reqExtra;

    public TransRequest() {
    }

    public TransRequest(String gid, @Nullable TransType transType) {
        this.gid = gid;
        this.transType = transType;
    }

    /**
     * A request with its type as a wire word.
     * @deprecated since 0.1.0 for removal in favor of
     * {@link #TransRequest(String, TransType)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public TransRequest(String gid, @Nullable String transType) {
        this(gid, transType == null ? null : TransType.fromWire(transType));
    }

    /**
     * The options this request sets, with zero for those it leaves to the coordinator's
     * defaults.
     */
    public TransOptions toOptions() {
        TransOptions options = new TransOptions();
        options.setWaitResult(isWaitResult());
        options.setTimeoutToFail(orZero(timeoutToFail));
        options.setRequestTimeout(orZero(requestTimeout));
        options.setRetryInterval(orZero(retryInterval));
        options.setRetryLimit(orZero(retryLimit));
        options.setRetryCount(orZero(retryCount));
        options.setBranchHeaders(branchHeaders);
        options.setConcurrent(concurrent);
        return options;
    }

    public String getGid() {
        return gid;
    }

    public void setGid(String gid) {
        this.gid = gid;
    }

    public @Nullable TransType getTransType() {
        return transType;
    }

    public void setTransType(@Nullable TransType transType) {
        this.transType = transType;
    }

    /**
     * Sets the type from its wire word.
     * @deprecated since 0.1.0 for removal in favor of {@link #setTransType(TransType)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public void setTransType(@Nullable String transType) {
        this.transType = transType == null ? null : TransType.fromWire(transType);
    }

    public @Nullable List<Map<String, String>> getSteps() {
        return steps;
    }

    public void setSteps(@Nullable List<Map<String, String>> steps) {
        this.steps = steps;
    }

    /** Adds a step and its payload. */
    public void addStep(Map<String, String> step, String payload) {
        if (steps == null) {
            steps = new ArrayList<>();
            payloads = new ArrayList<>();
        }
        steps.add(step);
        payloads.add(payload);
    }

    public @Nullable List<String> getPayloads() {
        return payloads;
    }

    public void setPayloads(@Nullable List<String> payloads) {
        this.payloads = payloads;
    }

    public @Nullable String getQueryPrepared() {
        return queryPrepared;
    }

    public void setQueryPrepared(@Nullable String queryPrepared) {
        this.queryPrepared = queryPrepared;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public @Nullable String getCustomData() {
        return customData;
    }

    public void setCustomData(@Nullable String customData) {
        this.customData = customData;
    }

    public @Nullable String getRollbackReason() {
        return rollbackReason;
    }

    public void setRollbackReason(@Nullable String rollbackReason) {
        this.rollbackReason = rollbackReason;
    }

    public @Nullable Boolean getWaitResult() {
        return waitResult;
    }

    /** Whether the request asks to wait for the result; absent means no. */
    public boolean isWaitResult() {
        return Boolean.TRUE.equals(waitResult);
    }

    public void setWaitResult(@Nullable Boolean waitResult) {
        this.waitResult = waitResult;
    }

    public @Nullable Long getTimeoutToFail() {
        return timeoutToFail;
    }

    public void setTimeoutToFail(@Nullable Long timeoutToFail) {
        this.timeoutToFail = timeoutToFail;
    }

    public @Nullable Long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(@Nullable Long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public @Nullable Long getRetryInterval() {
        return retryInterval;
    }

    public void setRetryInterval(@Nullable Long retryInterval) {
        this.retryInterval = retryInterval;
    }

    public @Nullable Long getRetryLimit() {
        return retryLimit;
    }

    public void setRetryLimit(@Nullable Long retryLimit) {
        this.retryLimit = retryLimit;
    }

    public @Nullable Long getRetryCount() {
        return retryCount;
    }

    public void setRetryCount(@Nullable Long retryCount) {
        this.retryCount = retryCount;
    }

    public @Nullable Map<String, String> getBranchHeaders() {
        return branchHeaders;
    }

    public void setBranchHeaders(@Nullable Map<String, String> branchHeaders) {
        this.branchHeaders = branchHeaders;
    }

    public void putBranchHeader(String name, String value) {
        if (branchHeaders == null) {
            branchHeaders = new LinkedHashMap<>();
        }
        branchHeaders.put(name, value);
    }

    public boolean isConcurrent() {
        return concurrent;
    }

    public void setConcurrent(boolean concurrent) {
        this.concurrent = concurrent;
    }

    public @Nullable Map<String, String> getReqExtra() {
        return reqExtra;
    }

    public void setReqExtra(@Nullable Map<String, String> reqExtra) {
        this.reqExtra = reqExtra;
    }

    private static long orZero(@Nullable Long value) {
        return value == null ? 0 : value;
    }

}
