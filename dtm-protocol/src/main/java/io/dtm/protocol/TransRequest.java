package io.dtm.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

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
    private TransType transType;

    @JsonProperty("steps")
    private List<Map<String, String>> steps;

    @JsonProperty("payloads")
    private List<String> payloads;

    @JsonProperty("query_prepared")
    private String queryPrepared;

    @JsonProperty("protocol")
    private String protocol = TransProtocol.HTTP.wireName();

    @JsonProperty("custom_data")
    private String customData;

    @JsonProperty("rollback_reason")
    private String rollbackReason;

    @JsonProperty("wait_result")
    private Boolean waitResult;

    @JsonProperty("timeout_to_fail")
    private Long timeoutToFail;

    @JsonProperty("request_timeout")
    private Long requestTimeout;

    @JsonProperty("retry_interval")
    private Long retryInterval;

    @JsonProperty("retry_limit")
    private Long retryLimit;

    @JsonProperty("retry_count")
    private Long retryCount;

    @JsonProperty("branch_headers")
    private Map<String, String> branchHeaders;

    @JsonProperty("concurrent")
    private boolean concurrent;

    @JsonProperty("req_extra")
    private Map<String, String> reqExtra;

    public TransRequest() {
    }

    public TransRequest(String gid, TransType transType) {
        this.gid = gid;
        this.transType = transType;
    }

    /**
     * A request with its type as a wire word.
     * @deprecated since 0.1.0 for removal in favor of
     * {@link #TransRequest(String, TransType)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public TransRequest(String gid, String transType) {
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

    public TransType getTransType() {
        return transType;
    }

    public void setTransType(TransType transType) {
        this.transType = transType;
    }

    /**
     * Sets the type from its wire word.
     * @deprecated since 0.1.0 for removal in favor of {@link #setTransType(TransType)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public void setTransType(String transType) {
        this.transType = transType == null ? null : TransType.fromWire(transType);
    }

    public List<Map<String, String>> getSteps() {
        return steps;
    }

    public void setSteps(List<Map<String, String>> steps) {
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

    public List<String> getPayloads() {
        return payloads;
    }

    public void setPayloads(List<String> payloads) {
        this.payloads = payloads;
    }

    public String getQueryPrepared() {
        return queryPrepared;
    }

    public void setQueryPrepared(String queryPrepared) {
        this.queryPrepared = queryPrepared;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getCustomData() {
        return customData;
    }

    public void setCustomData(String customData) {
        this.customData = customData;
    }

    public String getRollbackReason() {
        return rollbackReason;
    }

    public void setRollbackReason(String rollbackReason) {
        this.rollbackReason = rollbackReason;
    }

    public Boolean getWaitResult() {
        return waitResult;
    }

    /** Whether the request asks to wait for the result; absent means no. */
    public boolean isWaitResult() {
        return Boolean.TRUE.equals(waitResult);
    }

    public void setWaitResult(Boolean waitResult) {
        this.waitResult = waitResult;
    }

    public Long getTimeoutToFail() {
        return timeoutToFail;
    }

    public void setTimeoutToFail(Long timeoutToFail) {
        this.timeoutToFail = timeoutToFail;
    }

    public Long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Long getRetryInterval() {
        return retryInterval;
    }

    public void setRetryInterval(Long retryInterval) {
        this.retryInterval = retryInterval;
    }

    public Long getRetryLimit() {
        return retryLimit;
    }

    public void setRetryLimit(Long retryLimit) {
        this.retryLimit = retryLimit;
    }

    public Long getRetryCount() {
        return retryCount;
    }

    public void setRetryCount(Long retryCount) {
        this.retryCount = retryCount;
    }

    public Map<String, String> getBranchHeaders() {
        return branchHeaders;
    }

    public void setBranchHeaders(Map<String, String> branchHeaders) {
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

    public Map<String, String> getReqExtra() {
        return reqExtra;
    }

    public void setReqExtra(Map<String, String> reqExtra) {
        this.reqExtra = reqExtra;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

}
